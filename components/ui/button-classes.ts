import { cn } from "./cn";

// Apart from button.tsx so a client component that only styles a link or a <button> (the mobile
// menu, the error pages, loaded on every page) does not pull in Button's Radix Slot.

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md" | "lg";

const base =
  "inline-flex shrink-0 items-center justify-center gap-2 rounded-lg font-medium whitespace-nowrap no-underline transition-colors " +
  "disabled:pointer-events-none disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60 " +
  "[&_svg]:size-4 [&_svg]:shrink-0";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-brand-700 text-white shadow-sm hover:bg-brand-800 active:bg-brand-900",
  secondary:
    "border border-neutral-300 bg-white text-neutral-900 shadow-sm hover:border-neutral-400 hover:bg-neutral-50 active:bg-neutral-100",
  ghost: "text-neutral-700 hover:bg-neutral-100 hover:text-neutral-900 active:bg-neutral-200",
  danger: "bg-danger-700 text-white shadow-sm hover:bg-danger-800 active:bg-danger-800",
};

// Every size is at least 44px tall below the `sm` breakpoint so it is a comfortable touch target.
const sizes: Record<ButtonSize, string> = {
  sm: "h-11 px-3 text-sm sm:h-9",
  md: "h-11 px-4 text-sm sm:h-10",
  lg: "h-12 px-6 text-base",
};

/** Classes for anything that should look like a button, e.g. `<Link className={buttonClasses("secondary")}>`. */
export function buttonClasses(variant: ButtonVariant = "primary", size: ButtonSize = "md", className?: string): string {
  return cn(base, variants[variant], sizes[size], className);
}
