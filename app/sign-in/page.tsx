import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent } from "@/components/ui/card";
import { requestSignInLink } from "@/lib/auth/actions";
import { getCurrentUser } from "@/lib/auth/guards";
import { safeCallbackPath } from "@/lib/auth/magic-link";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16">
      <h1 className="text-2xl font-bold tracking-tight text-gray-900">Sign in or join</h1>
      <p className="mt-2 text-gray-700">Enter your email and we&apos;ll send you a sign-in link. New here? The same link creates your free membership.</p>
      <Card className="mt-6">
        <CardContent className="pt-6">
          <SignInForm action={requestSignInLink} callbackUrl={callbackUrl} />
        </CardContent>
      </Card>
    </div>
  );
}
