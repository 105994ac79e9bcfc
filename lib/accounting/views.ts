import "server-only";
import type { Db } from "@/db";
import type { DateRange } from "@/lib/reports/date-range";
import { loadBreakage } from "./breakage";
import { loadExpirySchedule } from "./expiry";
import { loadLedgerReport } from "./ledger";
import { loadLiability } from "./report";

export { refreshAccounting, type AccountingRefresh } from "./refresh";

export type AccountingView = { id: string; label: string; load: (range: DateRange, conn?: Db) => Promise<unknown> };

/** Every table /admin/accounting shows, for `npm run bench:analytics` (target: < 1 s each on 1 M members). */
export const ACCOUNTING_VIEWS: AccountingView[] = [
  { id: "accounting.liability", label: "Points liability by month", load: (range, conn) => loadLiability(range, conn) },
  { id: "accounting.rollforward", label: "Points roll-forward with tie-out", load: (range, conn) => loadLedgerReport(range, conn) },
  { id: "accounting.breakage", label: "Breakage history", load: (range, conn) => loadBreakage(range, conn) },
  { id: "accounting.expiry", label: "Expiry schedule, next 12 months", load: (_range, conn) => loadExpirySchedule(conn) },
];
