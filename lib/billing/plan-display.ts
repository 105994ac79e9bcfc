import type { Membership, Plan } from "@/db/schema";
import { formatDate, formatMoney } from "@/lib/format";

/** How plans and memberships read to a person. Pure: used by pages and emails. */

type PlanLike = Pick<Plan, "kind" | "interval" | "priceCents" | "currency" | "trialDays" | "benefits" | "name">;

export function priceLabel(plan: PlanLike): string {
  if (plan.kind === "free") return "Free";
  const price = formatMoney(plan.priceCents, plan.currency.toUpperCase());
  if (plan.kind === "one_time") return `${price} once`;
  return `${price}/${plan.interval === "year" ? "year" : "month"}`;
}

/**
 * The plan's benefits in words. `referralDiscountPercent` is the program's current offer to invited
 * friends (0 when they get bonus points instead): the line shows what Checkout would take off, the
 * lower of it and the plan's cap. Without it the line shows the plan's cap. `earnRate` is what the
 * purchase rule pays now ("5 points for every $1", lib/brand/point-value.ts `earnRateLabel`).
 */
export function benefitLines(plan: PlanLike, options: { referralDiscountPercent?: number; earnRate?: string | null } = {}): string[] {
  const b = plan.benefits;
  const referralDiscount = Math.max(0, Math.min(options.referralDiscountPercent ?? b.referralDiscountPercent, b.referralDiscountPercent));
  const lines: string[] = [];
  if (plan.kind === "free") lines.push(options.earnRate ? `${options.earnRate} you spend` : "Points on what you buy", "Redeem rewards and book experiences", "Your own referral link");
  if (b.earnMultiplier > 1) lines.push(`${b.earnMultiplier}× points on every purchase`);
  if (b.percentBack > 0) lines.push(`${b.percentBack}% back in points on every purchase`);
  if (b.minTier) lines.push(`${b.minTier[0].toUpperCase()}${b.minTier.slice(1)} tier or higher while you're a member`);
  if (b.memberOnlyRewards) lines.push("Member-only rewards and early access to experiences");
  if (b.bonusPoints > 0) lines.push(plan.kind === "recurring" ? `${b.bonusPoints.toLocaleString("en-US")} bonus points every time it renews` : `${b.bonusPoints.toLocaleString("en-US")} bonus points when you join`);
  if (referralDiscount > 0) lines.push(`Invited by a friend? ${referralDiscount}% off your first payment`);
  if (plan.kind === "one_time") lines.push("One payment — never renews");
  if (plan.kind === "recurring") lines.push("Cancel any time from your account");
  return lines;
}

export function trialLabel(plan: PlanLike): string | null {
  return plan.kind === "recurring" && plan.trialDays > 0 ? `${plan.trialDays}-day free trial` : null;
}

/** One line under the plan name on the dashboard. A complimentary membership (an admin's grant) says so, with its end. */
export function membershipTerm(
  membership: Pick<Membership, "status" | "currentPeriodEnd" | "cancelAtPeriodEnd" | "endedAt"> & { source?: Membership["source"] },
  plan: PlanLike,
  now: Date = new Date(),
): string {
  const end = membership.currentPeriodEnd ? formatDate(membership.currentPeriodEnd) : null;
  if (membership.source === "admin_grant" && membership.status !== "canceled") {
    if (membership.currentPeriodEnd && membership.currentPeriodEnd <= now) return `Complimentary — ended on ${end}`;
    return end ? `Complimentary until ${end}` : "Complimentary";
  }
  switch (membership.status) {
    case "refunded":
      return "Refunded — paid benefits have ended";
    case "disputed":
      return "Payment disputed — paid benefits are paused";
    case "canceled":
      return membership.endedAt ? `Ended on ${formatDate(membership.endedAt)}` : "Ended";
    case "past_due":
      return "Payment failed — update your card to keep your benefits";
    case "unpaid":
    case "incomplete":
    case "paused":
      return "Not active — your benefits are paused";
  }
  if (plan.kind === "one_time") return "Lifetime — never renews";
  if (membership.cancelAtPeriodEnd && end) return `Ends on ${end}`;
  if (membership.status === "trialing" && end) return `Free trial until ${end}, then ${priceLabel(plan)}`;
  return end ? `Renews on ${end} (${priceLabel(plan)})` : priceLabel(plan);
}

export function statusBadge(status: Membership["status"]): { label: string; tone: "success" | "warning" | "danger" | "neutral" | "brand" } {
  switch (status) {
    case "active":
      return { label: "Active", tone: "success" };
    case "trialing":
      return { label: "Free trial", tone: "brand" };
    case "past_due":
      return { label: "Payment failed", tone: "danger" };
    case "refunded":
      return { label: "Refunded", tone: "neutral" };
    case "disputed":
      return { label: "Disputed", tone: "warning" };
    case "canceled":
      return { label: "Ended", tone: "neutral" };
    default:
      return { label: "Inactive", tone: "warning" };
  }
}
