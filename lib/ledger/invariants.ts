import "server-only";
import { sql } from "drizzle-orm";
import { db, type Db } from "@/db";

export type LedgerViolation = { rule: string; detail: string };

/**
 * Checks the ledger's invariants against the database as it is: every posting balances; each
 * balance row equals the sum of its entries and of its lots; nothing is negative. Used by the
 * property test and available to an admin health check.
 */
export async function checkLedgerInvariants(conn: Db = db): Promise<LedgerViolation[]> {
  const violations: LedgerViolation[] = [];
  const rows = <T>(r: unknown) => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];

  const unbalanced = rows<{ posting_id: number; total: string }>(
    await conn.execute(sql`select posting_id, sum(amount) as total from point_entries group by posting_id having sum(amount) <> 0`),
  );
  for (const r of unbalanced) violations.push({ rule: "posting balances", detail: `posting ${r.posting_id} sums to ${r.total}` });

  const mismatched = rows<{ customer_id: string; available: number; pending: number; debt: number; e_available: string; e_pending: string; e_debt: string; l_available: string; l_pending: string }>(
    await conn.execute(sql`
      select b.customer_id, b.available, b.pending, b.debt,
        coalesce((select sum(amount) from point_entries e where e.customer_id = b.customer_id and e.account = 'member_available'), 0) as e_available,
        coalesce((select sum(amount) from point_entries e where e.customer_id = b.customer_id and e.account = 'member_pending'), 0) as e_pending,
        coalesce((select -sum(amount) from point_entries e where e.customer_id = b.customer_id and e.account = 'member_debt'), 0) as e_debt,
        coalesce((select sum(remaining) from point_lots l where l.customer_id = b.customer_id and l.state = 'available'), 0) as l_available,
        coalesce((select sum(remaining) from point_lots l where l.customer_id = b.customer_id and l.state = 'pending'), 0) as l_pending
      from point_balances b`),
  );
  for (const r of mismatched) {
    const expect = [
      ["available = entries", r.available, Number(r.e_available)],
      ["pending = entries", r.pending, Number(r.e_pending)],
      ["debt = entries", r.debt, Number(r.e_debt)],
      ["available = lots", r.available, Number(r.l_available)],
      ["pending = lots", r.pending, Number(r.l_pending)],
    ] as const;
    for (const [rule, a, b] of expect) if (Number(a) !== b) violations.push({ rule, detail: `customer ${r.customer_id}: ${a} vs ${b}` });
    if (r.available < 0 || r.pending < 0 || r.debt < 0) violations.push({ rule: "never negative", detail: `customer ${r.customer_id}` });
  }
  return violations;
}
