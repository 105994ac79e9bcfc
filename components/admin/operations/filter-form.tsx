import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/input";

export const selectClasses = cn(controlClasses, "h-11 sm:h-10");

/**
 * A list page's filters: a plain GET form (works without JavaScript, the URL can be shared), the
 * fields side by side on wide screens and stacked on phones, with a "Clear" link when any is set.
 */
export function FilterForm({ action, label, active, hidden, children }: { action: string; label: string; active: boolean; hidden?: Record<string, string>; children: ReactNode }) {
  return (
    <form method="get" action={action} aria-label={label} className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
      {/* Values another form on the page owns (e.g. the date range), kept when these filters change. */}
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClasses("secondary")}>
          Filter
        </button>
        {active ? (
          <Link href={action} className="inline-flex min-h-11 items-center text-sm text-brand-700 underline-offset-2 hover:underline">
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
