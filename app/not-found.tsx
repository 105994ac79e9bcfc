import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

/**
 * The 404 of an unknown address (Next's /_not-found route, whose page this is) renders per request:
 * its layout shows the admin's brand and the runtime's dev links, which a build-time prerender
 * would freeze (the build has no database). Only that route: here, inside another page, this file
 * is a boundary and its route segment config does not apply.
 */
export const dynamic = "force-dynamic";

export default function NotFound() {
  return (
    <div className="mx-auto w-full max-w-xl px-4 py-16 text-center sm:py-24">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-balance text-neutral-900">
        We couldn&apos;t find that page
      </h1>
      <p className="mt-4 text-pretty text-neutral-700">
        The link may be out of date, or the address may have a typo. Check it, or start again from the home page.
      </p>
      <div className="mt-8 flex justify-center">
        <Link href="/" className={buttonClasses("primary", "md")}>
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
