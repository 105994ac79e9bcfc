import Link from "next/link";
import { CairnMark } from "./cairn-mark";

export type SiteFooterProps = {
  /** Link the dev mailbox (only when email goes to the local outbox). */
  showMailbox?: boolean;
  /** Link the Stripe emulator's test clock (only when billing runs on the emulator). */
  showStripeEmulator?: boolean;
};

const devLink = "inline-flex min-h-11 items-center font-medium text-brand-700 underline hover:text-brand-800 sm:min-h-0";

export function SiteFooter({ showMailbox = false, showStripeEmulator = false }: SiteFooterProps) {
  return (
    <footer className="border-t border-neutral-200 bg-white">
      <div className="mx-auto flex w-full max-w-5xl flex-col gap-3 px-4 py-8 text-sm text-neutral-600 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <CairnMark className="size-5 text-brand-700" />
          <span className="font-semibold text-neutral-900">Cairn</span>
          <span aria-hidden="true">·</span>
          <span>Open-source loyalty by Cairn</span>
        </p>
        {showMailbox || showStripeEmulator ? (
          <nav aria-label="Developer tools" className="flex gap-4">
            {showMailbox ? (
              <Link href="/dev/mailbox" className={devLink}>
                Dev mailbox
              </Link>
            ) : null}
            {showStripeEmulator ? (
              <Link href="/dev/stripe" className={devLink}>
                Stripe test mode
              </Link>
            ) : null}
          </nav>
        ) : null}
      </div>
    </footer>
  );
}
