import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { emailSchema } from "@/lib/auth/schemas";
import { MAGIC_LINK_MAX_AGE_SECONDS } from "@/lib/auth/magic-link";
import { isMailboxEnabled } from "@/lib/email/outbox";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage({ searchParams }: PageProps<"/sign-in/check-email">) {
  const params = await searchParams;
  const parsed = emailSchema.safeParse(params.email);
  const email = parsed.success ? parsed.data : null;
  return (
    <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16">
      <h1 className="text-2xl font-bold tracking-tight text-gray-900">Check your email</h1>
      {/* The same words whether or not the address has an account: no account enumeration. */}
      <p className="mt-3 text-gray-700">
        We sent a sign-in link to {email ? <strong>{email}</strong> : "your address"}. It works once and expires in {MAGIC_LINK_MAX_AGE_SECONDS / 60} minutes.
      </p>
      <p className="mt-3 text-gray-700">Can&apos;t find it? Check your spam folder, or wait a minute and request a new one.</p>
      {isMailboxEnabled() ? (
        <Alert tone="info" className="mt-6">
          Email delivery isn&apos;t configured, so messages land in the{" "}
          <Link className="font-semibold underline" href={email ? `/dev/mailbox?to=${encodeURIComponent(email)}` : "/dev/mailbox"}>
            dev mailbox
          </Link>
          .
        </Alert>
      ) : null}
      <p className="mt-8">
        <Link className="font-medium text-brand-700 underline" href="/sign-in">
          Use a different email
        </Link>
      </p>
    </div>
  );
}
