import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { requestSignInLink } from "@/lib/auth/actions";
import { magicLinkState, safeCallbackPath } from "@/lib/auth/magic-link";
import { getBrand } from "@/lib/brand/brand";

export const metadata: Metadata = { title: "Confirm sign-in", robots: { index: false } };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/**
 * The page an emailed link opens. Loading it changes nothing (link scanners fetch it); only the
 * button submits the one-time token to Auth.js's callback.
 */
export default async function ConfirmSignInPage({ searchParams }: PageProps<"/sign-in/confirm">) {
  const params = await searchParams;
  const token = one(params.token);
  const email = one(params.email).toLowerCase();
  const callbackUrl = safeCallbackPath(one(params.callbackUrl));
  const state = token && email ? await magicLinkState(email, token) : "invalid";

  if (state === "invalid") {
    return (
      <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16">
        <h1 className="text-2xl font-bold tracking-tight text-gray-900">This sign-in link no longer works</h1>
        <Alert tone="warning" className="mt-4">
          Links work once and expire after 15 minutes. This one has expired, was already used, or was copied incompletely.
        </Alert>
        <p className="mt-4 text-gray-700">Request a new link and use the newest email.</p>
        <Card className="mt-6">
          <CardContent className="pt-6">
            <SignInForm action={requestSignInLink} callbackUrl={callbackUrl} defaultEmail={email} submitLabel="Email me a new link" />
          </CardContent>
        </Card>
      </div>
    );
  }

  return (
    <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16">
      <h1 className="text-2xl font-bold tracking-tight text-gray-900">Sign in to {(await getBrand()).programName}</h1>
      <p className="mt-3 text-gray-700">
        You&apos;re signing in as <strong>{email}</strong>.
      </p>
      <form method="GET" action="/api/auth/callback/resend" className="mt-6">
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Button type="submit" size="lg" className="w-full">
          Sign in
        </Button>
      </form>
      <p className="mt-4 text-sm text-gray-600">Not you? Close this page; nothing happens until you press the button.</p>
    </div>
  );
}
