import type { ComponentProps } from "react";
import { cn } from "./cn";

export type TierName = "bronze" | "silver" | "gold" | "platinum";
export type BadgeTone = "neutral" | "brand" | "success" | "warning" | "danger" | TierName;

export type BadgeProps = ComponentProps<"span"> & {
  tone?: BadgeTone;
  /** Show a small colour dot before the text (the tier swatch for tier tones). */
  dot?: boolean;
};

const tones: Record<BadgeTone, string> = {
  neutral: "bg-neutral-100 text-neutral-700 ring-neutral-200",
  brand: "bg-brand-50 text-brand-800 ring-brand-200",
  success: "bg-success-50 text-success-800 ring-success-200",
  warning: "bg-warning-50 text-warning-800 ring-warning-200",
  danger: "bg-danger-50 text-danger-800 ring-danger-200",
  bronze: "bg-tier-bronze-bg text-tier-bronze-fg ring-tier-bronze/40",
  silver: "bg-tier-silver-bg text-tier-silver-fg ring-tier-silver/50",
  gold: "bg-tier-gold-bg text-tier-gold-fg ring-tier-gold/50",
  platinum: "bg-tier-platinum-bg text-tier-platinum-fg ring-tier-platinum/50",
};

const dots: Record<BadgeTone, string> = {
  neutral: "bg-neutral-500",
  brand: "bg-brand-600",
  success: "bg-success-600",
  warning: "bg-warning-600",
  danger: "bg-danger-600",
  bronze: "bg-tier-bronze",
  silver: "bg-tier-silver",
  gold: "bg-tier-gold",
  platinum: "bg-tier-platinum",
};

export function Badge({ tone = "neutral", dot = false, className, children, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        tones[tone],
        className,
      )}
      {...props}
    >
      {dot ? <span aria-hidden="true" className={cn("size-1.5 rounded-full", dots[tone])} /> : null}
      {children}
    </span>
  );
}
