import "server-only";
import { eq } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { pointBalances } from "@/db/schema";

export type Balance = { available: number; pending: number; debt: number; lifetimeEarned: number; lifetimeRedeemed: number };

const ZERO: Balance = { available: 0, pending: 0, debt: 0, lifetimeEarned: 0, lifetimeRedeemed: 0 };

/** O(1): one row per customer, kept by every posting. */
export async function getBalance(customerId: string, conn: Db | Tx = db): Promise<Balance> {
  const [row] = await conn.select().from(pointBalances).where(eq(pointBalances.customerId, customerId));
  if (!row) return ZERO;
  return { available: row.available, pending: row.pending, debt: row.debt, lifetimeEarned: row.lifetimeEarned, lifetimeRedeemed: row.lifetimeRedeemed };
}
