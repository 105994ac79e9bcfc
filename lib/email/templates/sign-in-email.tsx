import { Text } from "@react-email/components";
import { EmailButton, EmailLayout, ProgramName } from "./email-layout";

/** `programName` overrides the stored brand's name; left out, the brand's name is used. */
export type SignInEmailProps = { url: string; email: string; minutes: number; programName?: string };

/** Default props are the preview data (STYLE 11). */
export function SignInEmail({
  url = "http://localhost:3000/sign-in/confirm?token=preview&email=member%40cairn.test",
  email = "member@cairn.test",
  minutes = 15,
  programName,
}: Partial<SignInEmailProps>) {
  const name = programName ?? <ProgramName />;
  return (
    <EmailLayout preview={(brandName) => `Your sign-in link for ${programName ?? brandName}`} programName={programName}>
      <Text style={{ fontSize: 16, color: "#111827" }}>Hi,</Text>
      <Text style={{ fontSize: 16, color: "#111827" }}>
        Use the button below to sign in to {name} as <strong>{email}</strong>. The link works once and expires in {minutes} minutes.
      </Text>
      <EmailButton href={url}>Sign in to {name}</EmailButton>
      <Text style={{ fontSize: 13, color: "#4b5563", marginTop: 24 }}>If you did not ask for this email, you can ignore it: nobody can sign in without the link.</Text>
    </EmailLayout>
  );
}

export default SignInEmail;
