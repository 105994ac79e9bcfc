import type { ComponentProps } from "react";

/** The Cairn logo: three stacked stones. Decorative; the text beside it names the link. */
export function CairnMark(props: ComponentProps<"svg">) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false" {...props}>
      <ellipse cx="16" cy="25" rx="11" ry="4.5" fill="currentColor" />
      <ellipse cx="16" cy="16.5" rx="8" ry="3.6" fill="currentColor" opacity="0.8" />
      <ellipse cx="16" cy="9" rx="5" ry="3" fill="currentColor" opacity="0.6" />
    </svg>
  );
}
