"use client";

import Link from "next/link";
import { useEffect } from "react";
import { ErrorReference } from "@/components/site/error-reference";
import { buttonClasses } from "@/components/ui/button-classes";
import "./globals.css";

// Replaces the root layout when the layout itself fails, so it brings its own document and styles.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <html lang="en">
      <body className="bg-neutral-50">
        <title>Something went wrong · Cairn</title>
        <main id="main" className="mx-auto w-full max-w-xl px-4 py-16 text-center sm:py-24">
          <p className="text-lg font-semibold text-neutral-900">Cairn</p>
          <h1 className="mt-6 text-3xl font-semibold tracking-tight text-balance text-neutral-900">Something went wrong</h1>
          <p className="mt-4 text-pretty text-neutral-700">Sorry — the site couldn&apos;t load. Please try again in a moment.</p>
          <ErrorReference error={error} />
          <div className="mt-8 flex flex-col justify-center gap-3 sm:flex-row">
            <button type="button" onClick={() => retry()} className={buttonClasses()}>
              Try again
            </button>
            <Link href="/" className={buttonClasses("secondary", "md")}>
              Go to the home page
            </Link>
          </div>
        </main>
      </body>
    </html>
  );
}
