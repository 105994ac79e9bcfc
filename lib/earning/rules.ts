import "server-only";
import { asc, eq } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { earningRules, type EarningRule } from "@/db/schema";
import type { EarningRuleId } from "./schemas";

/** The rule as it is now: admins edit rules, and a change applies to events after it. */
export async function getEarningRule(id: EarningRuleId, conn: Db | Tx = db): Promise<EarningRule | null> {
  const [rule] = await conn.select().from(earningRules).where(eq(earningRules.id, id));
  return rule ?? null;
}

export async function listEarningRules(conn: Db | Tx = db): Promise<EarningRule[]> {
  return conn.select().from(earningRules).orderBy(asc(earningRules.id));
}
