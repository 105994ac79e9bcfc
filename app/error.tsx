"use client";

import Link from "next/link";
import { useEffect } from "react";
import { ErrorReference } from "@/components/site/error-reference";
import { buttonClasses } from "@/components/ui/button-classes";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div className="mx-auto w-full max-w-xl px-4 py-16 text-center sm:py-24">
      <h1 className="text-3xl font-semibold tracking-tight text-balance text-neutral-900">Something went wrong</h1>
      <p className="mt-4 text-pretty text-neutral-700">
        Sorry — we couldn&apos;t load this page. Please try again in a moment.
      </p>
      <ErrorReference error={error} />
      <div className="mt-8 flex flex-col justify-center gap-3 sm:flex-row">
        {/* retry() re-fetches the segment from the server; reset() would only re-render what already failed. */}
        <button type="button" onClick={() => retry()} className={buttonClasses()}>
          Try again
        </button>
        <Link href="/" className={buttonClasses("secondary", "md")}>
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
