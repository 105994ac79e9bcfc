import type { EarningRule } from "@/db/schema";
import { centsToDollars } from "@/lib/billing/plan-schemas";
import { formatMoney, formatPoints } from "@/lib/format";
import type { TierMetric } from "@/lib/tiers/schemas";
import { CAP_PERIOD_LABELS } from "./schemas";

/** Settings in words for the admin screens (formatting at the edge; client-safe). */

export function capLabel(rule: Pick<EarningRule, "capCount" | "capPeriod">): string {
  if (rule.capCount === null) return "No cap";
  const times = rule.capCount === 1 ? "Once" : `${rule.capCount} times`;
  return `${times} ${CAP_PERIOD_LABELS[rule.capPeriod ?? "lifetime"]}`;
}

export function holdLabel(days: number): string {
  return days === 0 ? "Available at once" : `Held ${days} ${days === 1 ? "day" : "days"}`;
}

export function expiryLabel(expiryMonths: number | null): string {
  return expiryMonths === null ? "Points never expire" : `Points expire ${expiryMonths} ${expiryMonths === 1 ? "month" : "months"} after they are earned`;
}

export function thresholdLabel(threshold: number, metric: TierMetric, currency: string): string {
  return metric === "spend" ? `${formatMoney(threshold, currency)} spent` : `${formatPoints(threshold)} earned`;
}

/** The value a threshold field starts with, in the basis's unit. */
export function thresholdInput(threshold: number, metric: TierMetric): string {
  return metric === "spend" ? centsToDollars(threshold) : String(threshold);
}
