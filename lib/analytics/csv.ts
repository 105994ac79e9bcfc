import "server-only";
import { db } from "@/db";
import type { DateRange } from "@/lib/reports/date-range";
import { toCsv, type CsvValue } from "@/lib/reports/csv";
import { loadIncrementality } from "./incrementality";
import { loadLoyalty } from "./loyalty";
import { loadMembership } from "./membership";
import { loadNps } from "./nps";
import { loadReferralFunnel } from "./referral-funnel";
import { loadRetention } from "./retention";
import { loadRewardReturn } from "./reward-return";
import { loadRewards } from "./rewards";
import type { Conn } from "./rollups";
import * as tables from "./tables";
import type { AnalyticsTable, Cell, CellKind, TableId } from "./tables";

/** How each table is loaded for its CSV: the same view and builder as the page. */
const LOADERS: Record<TableId, (range: DateRange, conn: Conn) => Promise<AnalyticsTable>> = {
  "members-by-plan": async (range, conn) => tables.membersByPlanTable(await loadMembership(range, conn)),
  "new-members": async (range, conn) => tables.newMembersTable(await loadMembership(range, conn)),
  churn: async (range, conn) => tables.churnTable(await loadMembership(range, conn)),
  loyalty: async (_range, conn) => tables.loyaltyTable(await loadLoyalty(conn)),
  "retention-active": async (range, conn) => tables.retentionTable(await loadRetention(range, conn), "active"),
  "retention-purchasing": async (range, conn) => tables.retentionTable(await loadRetention(range, conn), "purchasing"),
  incrementality: async (_range, conn) => tables.incrementalityTable(await loadIncrementality(conn)),
  "reward-return": async (range, conn) => tables.rewardReturnTable(await loadRewardReturn(range, conn)),
  "top-rewards": async (range, conn) => tables.topRewardsTable(await loadRewards(range, conn)),
  experiences: async (range, conn) => tables.experiencesTable(await loadRewards(range, conn)),
  "referral-funnel": async (range, conn) => tables.referralFunnelTable(await loadReferralFunnel(range, conn)),
  nps: async (range, conn) => tables.npsTable(await loadNps(range, conn)),
};

/** Units go in the header; values stay numbers: cents as integers, rates as percentages. */
const UNIT: Partial<Record<CellKind, string>> = { cents: " (cents)", rate: " (%)", points: " (points)" };

function csvValue(kind: CellKind, value: Cell): CsvValue {
  if (value === null) return null;
  if (typeof value === "string") return kind === "month" ? value.slice(0, 7) : value;
  switch (kind) {
    case "cents":
      return Math.round(value);
    case "rate":
      return Math.round(value * 10_000) / 100;
    case "decimal":
      return Math.round(value * 100) / 100;
    default:
      return value;
  }
}

export function tableCsv(table: AnalyticsTable): string {
  return toCsv(
    table.columns.map((column, i) => ({ header: `${column.header}${UNIT[column.kind] ?? ""}`, value: (row: Cell[]) => csvValue(column.kind, row[i]) })),
    table.rows,
  );
}

export async function analyticsCsv(id: TableId, range: DateRange, conn: Conn = db): Promise<string> {
  return tableCsv(await LOADERS[id](range, conn));
}
