import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Shared by Input and Textarea. text-base below `sm` stops iOS from zooming into the field on focus. */
export const controlClasses =
  "block w-full rounded-lg border border-neutral-400 bg-white px-3 text-base text-neutral-900 shadow-xs sm:text-sm " +
  "placeholder:text-neutral-500 " +
  "focus-visible:border-brand-600 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-brand-600 " +
  "aria-invalid:border-danger-700 aria-invalid:focus-visible:outline-danger-700 " +
  "disabled:cursor-not-allowed disabled:bg-neutral-100 disabled:text-neutral-600";

/** For text-like inputs (text, email, number, date, search…); checkboxes and radios need their own styling. */
export type InputProps = ComponentProps<"input">;

export function Input({ className, type = "text", ...props }: InputProps) {
  return <input type={type} className={cn(controlClasses, "h-11 sm:h-10", className)} {...props} />;
}
