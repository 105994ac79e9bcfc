import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent } from "@/components/ui/card";
import { requestSignInLink } from "@/lib/auth/actions";
import { getCurrentUser } from "@/lib/auth/guards";
import { safeCallbackPath } from "@/lib/auth/magic-link";
import { normalizeCode } from "@/lib/referrals/code-format";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await getCurrentUser()) redirect(callbackUrl);
  // ?ref=<code> (from the pricing page of a shared link) opens the referral field prefilled.
  const ref = normalizeCode(typeof params.ref === "string" ? params.ref : null);
  return (
    <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16">
      <h1 className="text-2xl font-bold tracking-tight text-gray-900">Sign in or join</h1>
      <p className="mt-2 text-gray-700">Enter your email and we&apos;ll send you a sign-in link. New here? The same link creates your free membership.</p>
      <Card className="mt-6">
        <CardContent className="pt-6">
          <SignInForm action={requestSignInLink} callbackUrl={callbackUrl} referralCode={{ defaultValue: ref ?? undefined }} />
        </CardContent>
      </Card>
    </div>
  );
}
