import type { IncrementalityView } from "./incrementality";
import type { LoyaltyView, SegmentStats } from "./loyalty";
import type { MembershipView } from "./membership";
import type { NpsView } from "./nps";
import type { ReferralFunnelView } from "./referral-funnel";
import type { RetentionView } from "./retention";
import type { RewardReturnView } from "./reward-return";
import type { RewardsView } from "./rewards";

/**
 * Every table the dashboard shows, built once from a view's data and used twice: rendered on the
 * page (formatted at the edge by the cell kind) and downloaded as CSV (raw numbers). So each table
 * on the page has its CSV by construction. Client-safe: pure functions over plain data.
 */

export type CellKind = "text" | "week" | "month" | "count" | "points" | "cents" | "rate" | "decimal" | "nps";
export type Cell = string | number | null;
export type Column = { header: string; kind: CellKind };
/** The first column names the row (a row header on the page). */
export type AnalyticsTable = { id: TableId; title: string; columns: Column[]; rows: Cell[][] };

export const TABLE_IDS = [
  "members-by-plan",
  "new-members",
  "churn",
  "loyalty",
  "retention-active",
  "retention-purchasing",
  "incrementality",
  "reward-return",
  "top-rewards",
  "experiences",
  "referral-funnel",
  "nps",
] as const;
export type TableId = (typeof TABLE_IDS)[number];

export function isTableId(value: string): value is TableId {
  return (TABLE_IDS as readonly string[]).includes(value);
}

type ColumnOf<Row> = Column & { value: (row: Row) => Cell };

function table<Row>(id: TableId, title: string, columns: ColumnOf<Row>[], rows: Row[]): AnalyticsTable {
  return { id, title, columns: columns.map(({ header, kind }) => ({ header, kind })), rows: rows.map((row) => columns.map((column) => column.value(row))) };
}

export function membersByPlanTable(view: MembershipView): AnalyticsTable {
  return table(
    "members-by-plan",
    "Paid members by plan",
    [
      { header: "Plan", kind: "text", value: (p) => p.name },
      { header: "Paying members", kind: "count", value: (p) => p.paid },
      { header: "In trial", kind: "count", value: (p) => p.trialing },
      { header: "MRR", kind: "cents", value: (p) => (p.kind === "recurring" ? p.mrrCents : null) },
    ],
    view.plans,
  );
}

export function newMembersTable(view: MembershipView): AnalyticsTable {
  return table(
    "new-members",
    "New members per week",
    [
      { header: "Week of", kind: "week", value: (w) => w.week },
      { header: "New members", kind: "count", value: (w) => w.members },
    ],
    view.newPerWeek,
  );
}

export function churnTable(view: MembershipView): AnalyticsTable {
  return table(
    "churn",
    "Churn per month",
    [
      { header: "Month", kind: "month", value: (m) => m.month },
      { header: "Paying at start", kind: "count", value: (m) => m.payingAtStart },
      { header: "Ended", kind: "count", value: (m) => m.churned },
      { header: "Churn rate", kind: "rate", value: (m) => m.rate },
    ],
    view.churn,
  );
}

export function loyaltyTable(view: LoyaltyView): AnalyticsTable {
  const rows: { label: string; stats: SegmentStats }[] = [
    { label: "Members, last 12 months", stats: view["12m"].member },
    { label: "Non-members, last 12 months", stats: view["12m"].nonMember },
    { label: "Members, all time", stats: view.all.member },
    { label: "Non-members, all time", stats: view.all.nonMember },
  ];
  return table(
    "loyalty",
    "Members and non-members side by side",
    [
      { header: "Segment", kind: "text", value: (r) => r.label },
      { header: "Buying customers", kind: "count", value: (r) => r.stats.customers },
      { header: "Repeat purchase rate", kind: "rate", value: (r) => r.stats.repeatRate },
      { header: "Orders per customer", kind: "decimal", value: (r) => r.stats.frequency },
      { header: "AOV", kind: "cents", value: (r) => r.stats.aovCents },
      { header: "CLV", kind: "cents", value: (r) => r.stats.clvCents },
    ],
    rows,
  );
}

export function retentionTable(view: RetentionView, measure: "active" | "purchasing"): AnalyticsTable {
  const offsets = Array.from({ length: view.maxMonthsSince + 1 }, (_, k) => k);
  return table(
    measure === "active" ? "retention-active" : "retention-purchasing",
    measure === "active" ? "Share of each sign-up cohort still active" : "Share of each sign-up cohort purchasing",
    [
      { header: "Cohort", kind: "month", value: (c) => c.month },
      { header: "Members", kind: "count", value: (c) => c.members },
      ...offsets.map((k) => ({
        header: `Month ${k}`,
        kind: "rate" as const,
        value: (c: RetentionView["cohorts"][number]) => {
          const cell = c.cells.find((x) => x.monthsSince === k);
          return cell ? (measure === "active" ? cell.activeShare : cell.purchasingShare) : null;
        },
      })),
    ],
    view.cohorts,
  );
}

export function incrementalityTable(view: IncrementalityView): AnalyticsTable {
  return table(
    "incrementality",
    "Holdout groups",
    [
      { header: "Group", kind: "text", value: (r) => r.label },
      { header: "Customers", kind: "count", value: (r) => r.stats.population },
      { header: "Buying customers", kind: "count", value: (r) => r.stats.customers },
      { header: "Repeat customers", kind: "count", value: (r) => r.stats.repeatCustomers },
      { header: "Repeat purchase rate", kind: "rate", value: (r) => r.stats.repeatRate },
    ],
    [
      { label: "Treatment (campaigns)", stats: view.treatment },
      { label: "Control (no campaigns)", stats: view.control },
    ],
  );
}

export function rewardReturnTable(view: RewardReturnView): AnalyticsTable {
  return table(
    "reward-return",
    "Return after a discount redemption",
    [
      { header: "Window", kind: "text", value: (w) => `${w.days} days` },
      { header: "Members counted", kind: "count", value: (w) => w.eligible },
      { header: "Ordered again", kind: "count", value: (w) => w.returned },
      { header: "Share", kind: "rate", value: (w) => w.rate },
    ],
    view.windows,
  );
}

export function topRewardsTable(view: RewardsView): AnalyticsTable {
  return table(
    "top-rewards",
    "Top rewards",
    [
      { header: "Reward", kind: "text", value: (r) => r.title },
      { header: "Redemptions", kind: "count", value: (r) => r.redemptions },
      { header: "Points spent", kind: "points", value: (r) => r.points },
    ],
    view.topRewards,
  );
}

export function experiencesTable(view: RewardsView): AnalyticsTable {
  return table(
    "experiences",
    "Experience sessions per month",
    [
      { header: "Month", kind: "month", value: (m) => m.month },
      { header: "Seats offered", kind: "count", value: (m) => m.seats },
      { header: "Seats booked", kind: "count", value: (m) => m.booked },
      { header: "Fill rate", kind: "rate", value: (m) => m.fillRate },
      { header: "Bookings due", kind: "count", value: (m) => m.due },
      { header: "No-shows", kind: "count", value: (m) => m.noShows },
      { header: "No-show rate", kind: "rate", value: (m) => m.noShowRate },
    ],
    view.experiences.months,
  );
}

export function referralFunnelTable(view: ReferralFunnelView): AnalyticsTable {
  return table(
    "referral-funnel",
    "Referral funnel",
    [
      { header: "Step", kind: "text", value: (s) => s.label },
      { header: "Count", kind: "count", value: (s) => s.count },
      { header: "Of the step before", kind: "rate", value: (s) => s.ofPrevious },
    ],
    view.steps,
  );
}

export function npsTable(view: NpsView): AnalyticsTable {
  return table(
    "nps",
    "NPS per month",
    [
      { header: "Month", kind: "month", value: (m) => m.month },
      { header: "Answers", kind: "count", value: (m) => m.responses },
      { header: "Promoters", kind: "count", value: (m) => m.promoters },
      { header: "Passives", kind: "count", value: (m) => m.passives },
      { header: "Detractors", kind: "count", value: (m) => m.detractors },
      { header: "NPS", kind: "nps", value: (m) => m.nps },
    ],
    view.months,
  );
}
