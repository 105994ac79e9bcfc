import type { ReactNode } from "react";
import { cn } from "./cn";

export type EmptyStateProps = {
  title: ReactNode;
  description: ReactNode;
  /** Usually one Button or a Link styled with buttonClasses(). */
  action?: ReactNode;
  /** A decorative icon (an inline SVG); hidden from screen readers. */
  icon?: ReactNode;
  /** Heading level so the page outline stays right; defaults to h2. */
  as?: "h2" | "h3";
  className?: string;
};

export function EmptyState({ title, description, action, icon, as: Heading = "h2", className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center rounded-lg border border-dashed border-neutral-300 bg-neutral-50 px-6 py-10 text-center",
        className,
      )}
    >
      <div aria-hidden="true" className="mb-3 text-neutral-500 [&_svg]:size-8">
        {icon ?? (
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
            <ellipse cx="12" cy="18.5" rx="7" ry="2.5" />
            <ellipse cx="12" cy="12.5" rx="5" ry="2.2" />
            <ellipse cx="12" cy="7" rx="3" ry="1.8" />
          </svg>
        )}
      </div>
      <Heading className="text-base font-semibold text-neutral-900">{title}</Heading>
      <p className="mt-1 max-w-md text-sm text-pretty text-neutral-600">{description}</p>
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
