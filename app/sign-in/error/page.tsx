import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { requestSignInLink } from "@/lib/auth/actions";

export const metadata: Metadata = { title: "Sign-in problem" };

const MESSAGES: Record<string, { title: string; body: string }> = {
  Verification: {
    title: "This sign-in link no longer works",
    body: "Links work once and expire after 15 minutes. This one has expired or was already used. Request a new one below.",
  },
  AccessDenied: { title: "Sign-in was refused", body: "This account can't sign in right now. Contact support if you think this is a mistake." },
  Configuration: { title: "Sign-in is unavailable", body: "Something is wrong with this site's sign-in setup. Please try again later." },
};

/** Auth.js sends failed sign-ins here with ?error=<type>. */
export default async function SignInErrorPage({ searchParams }: PageProps<"/sign-in/error">) {
  const params = await searchParams;
  const code = typeof params.error === "string" ? params.error : "Verification";
  const message = MESSAGES[code] ?? { title: "We couldn't sign you in", body: "Please request a new sign-in link." };
  return (
    <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16">
      <h1 className="text-2xl font-bold tracking-tight text-gray-900">{message.title}</h1>
      <Alert tone="warning" className="mt-4">
        {message.body}
      </Alert>
      <Card className="mt-6">
        <CardContent className="pt-6">
          <SignInForm action={requestSignInLink} submitLabel="Email me a new link" />
        </CardContent>
      </Card>
    </div>
  );
}
