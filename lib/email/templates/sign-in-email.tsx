import { Button, Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";

export type SignInEmailProps = { url: string; email: string; minutes: number; programName?: string };

/** Default props are the preview data (STYLE 11). */
export function SignInEmail({
  url = "http://localhost:3000/sign-in/confirm?token=preview&email=member%40cairn.test",
  email = "member@cairn.test",
  minutes = 15,
  programName = "Cairn",
}: Partial<SignInEmailProps>) {
  return (
    <EmailLayout preview={`Your sign-in link for ${programName}`} programName={programName}>
      <Text style={{ fontSize: 16, color: "#111827" }}>Hi,</Text>
      <Text style={{ fontSize: 16, color: "#111827" }}>
        Use the button below to sign in to {programName} as <strong>{email}</strong>. The link works once and expires in {minutes} minutes.
      </Text>
      <Button href={url} style={{ backgroundColor: "#166534", color: "#ffffff", borderRadius: 6, padding: "12px 20px", fontWeight: 600 }}>
        Sign in to {programName}
      </Button>
      <Text style={{ fontSize: 13, color: "#4b5563", marginTop: 24 }}>
        If you did not ask for this email, you can ignore it: nobody can sign in without the link.
      </Text>
    </EmailLayout>
  );
}

export default SignInEmail;
