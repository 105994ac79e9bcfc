import Link from "next/link";
import { BrandMark, type SiteBrand } from "./brand-mark";

export type SiteFooterProps = {
  /** Link the dev mailbox (only when email goes to the local outbox). */
  showMailbox?: boolean;
  /** Link the Stripe emulator's test clock (only when billing runs on the emulator). */
  showStripeEmulator?: boolean;
  /** The program's name and logo, and where members write with questions (lib/brand getBrand). */
  brand?: SiteBrand & { supportEmail: string | null; pointValue: string | null };
};

const DEFAULT_FOOTER_BRAND = { programName: "Cairn", logoSrc: null, supportEmail: null, pointValue: null };

const devLink = "inline-flex min-h-11 items-center font-medium text-brand-700 underline hover:text-brand-800 sm:min-h-0";

export function SiteFooter({ showMailbox = false, showStripeEmulator = false, brand = DEFAULT_FOOTER_BRAND }: SiteFooterProps) {
  return (
    <footer className="border-t border-neutral-200 bg-white">
      <div className="mx-auto flex w-full max-w-5xl flex-col gap-3 px-4 py-8 text-sm text-neutral-600 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <div className="space-y-1">
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <BrandMark logoSrc={brand.logoSrc} className="h-5" />
            <span className="font-semibold break-words text-neutral-900">{brand.programName}</span>
            <span aria-hidden="true">·</span>
            <span>Open-source loyalty by Cairn</span>
          </p>
          {brand.pointValue || brand.supportEmail ? (
            <p className="flex flex-wrap gap-x-2 gap-y-1">
              {brand.pointValue ? <span>{brand.pointValue}</span> : null}
              {brand.pointValue && brand.supportEmail ? <span aria-hidden="true">·</span> : null}
              {brand.supportEmail ? (
                <span>
                  Questions?{" "}
                  <a
                    href={`mailto:${brand.supportEmail}`}
                    className="inline-flex min-h-11 items-center font-medium break-all text-brand-700 underline hover:text-brand-800 sm:min-h-0"
                  >
                    {brand.supportEmail}
                  </a>
                </span>
              ) : null}
            </p>
          ) : null}
        </div>
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
