import type { MembershipStatus } from "@/db/schema";
import { formatMoney, formatPoints } from "@/lib/format";
import { ADJUSTMENT_REASON_LABELS, MEMBERSHIP_STATUS_LABELS, type AdjustmentReason } from "./schemas";
import type { TimelineItem } from "./timeline";

/** How the console words members' memberships and timeline lines. Pure and client-safe. */

/** A machine reason ("comp_granted", "order_refund") in words. */
export function humanize(reason: string): string {
  const known: Record<string, string> = {
    comp_granted: "complimentary membership granted",
    comp_revoked: "complimentary membership ended by an admin",
    comp_expired: "complimentary membership reached its end date",
    manual_floor: "admin's tier floor",
    grace_ended: "grace period ended",
    admin_adjustment: "admin adjustment",
  };
  return known[reason] ?? reason.replace(/[-_.:]+/g, " ").trim();
}

export function statusLabel(status: MembershipStatus): string {
  return MEMBERSHIP_STATUS_LABELS[status] ?? status;
}

/** "Plus monthly · Complimentary until Dec 22, 2026", "Lifetime · Active", or "Free member". */
export function membershipSummary(
  m: { planName: string; status: MembershipStatus; source: "stripe" | "admin_grant"; currentPeriodEnd: Date | null } | null,
  formatDay: (d: Date) => string,
): string {
  if (!m) return "Free member";
  if (m.source === "admin_grant" && m.status !== "canceled") return `${m.planName} · Complimentary${m.currentPeriodEnd ? ` until ${formatDay(m.currentPeriodEnd)}` : ""}`;
  return `${m.planName} · ${statusLabel(m.status)}`;
}

const POSTING_KIND_LABELS: Record<string, string> = {
  earn: "Points earned",
  release: "Pending points released",
  void: "Pending points voided",
  redeem: "Points spent",
  refund: "Points returned",
  reverse: "Points taken back",
  expire: "Points expired",
  adjust: "Points adjusted",
};

const AUDIT_LABELS: Record<string, string> = {
  "tier.manual_floor_set": "Tier floor set",
  "tier.manual_floor_cleared": "Tier floor cleared",
  "membership.comp_granted": "Complimentary membership granted",
  "membership.comp_changed": "Complimentary membership changed",
  "membership.comp_revoked": "Complimentary membership ended",
  "member.sign_in_link_sent": "Sign-in link sent",
  "user.role_changed": "Role changed",
};

export type TimelineLine = { label: string; title: string; detail: string | null; points: number | null };

/** One timeline item as a line: the kind of event, what happened, who or why, and points if any. */
export function timelineLine(item: TimelineItem, tierName: (id: string) => string = (id) => id): TimelineLine {
  switch (item.source) {
    case "order": {
      const refunded = item.refundedCents > 0 ? ` · ${formatMoney(item.refundedCents, item.currency.toUpperCase())} refunded` : "";
      return { label: "Order", title: `Order ${item.externalId} · ${formatMoney(item.totalCents, item.currency.toUpperCase())}`, detail: `${formatPoints(item.points)} earned${refunded}`, points: null };
    }
    case "posting": {
      const reasonCode = item.reasonCode && item.reasonCode in ADJUSTMENT_REASON_LABELS ? ADJUSTMENT_REASON_LABELS[item.reasonCode as AdjustmentReason] : null;
      const by = item.actorEmail ? `by ${item.actorEmail}` : null;
      const detail = [reasonCode, by ?? humanize(item.reason)].filter(Boolean).join(" · ");
      return { label: POSTING_KIND_LABELS[item.kind] ?? item.kind, title: item.memo, detail, points: item.points };
    }
    case "membership":
      return {
        label: item.comp ? "Complimentary membership" : "Membership",
        title: `${item.planName}: ${item.from ? `${statusLabel(item.from)} → ` : ""}${statusLabel(item.to)}`,
        detail: humanize(item.reason),
        points: null,
      };
    case "referral":
      return item.role === "referrer"
        ? { label: "Referral", title: `Referred ${item.otherEmail}`, detail: `Code ${item.code} · ${item.status}`, points: null }
        : { label: "Referral", title: `Referred by ${item.otherEmail}`, detail: `Code ${item.code} · ${item.status}`, points: null };
    case "redemption":
      return { label: "Redemption", title: item.rewardTitle, detail: `${formatPoints(item.points)} · ${item.status}`, points: null };
    case "email":
      return { label: "Email", title: item.subject, detail: `${humanize(item.template)} · ${item.status === "outbox" ? "in the dev mailbox" : item.status}`, points: null };
    case "tier":
      return { label: "Tier", title: `${item.from ? `${tierName(item.from)} → ` : ""}${tierName(item.to)}`, detail: humanize(item.reason), points: null };
    case "audit":
      return {
        label: "Admin change",
        title: AUDIT_LABELS[item.action] ?? humanize(item.action),
        detail: [item.actorEmail ? `by ${item.actorEmail}` : "by the system", item.reason].filter(Boolean).join(" · "),
        points: null,
      };
  }
}
