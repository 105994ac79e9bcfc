import "server-only";
import { eq } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { settings } from "@/db/schema";

/** Points are earned in one currency: the program's (settings "program".currency), USD if unset. */
export async function getProgramCurrency(conn: Db | Tx = db): Promise<string> {
  const [row] = await conn.select({ value: settings.value }).from(settings).where(eq(settings.key, "program"));
  const currency = (row?.value as { currency?: unknown } | undefined)?.currency;
  return typeof currency === "string" && currency.trim() ? currency.trim().toUpperCase() : "USD";
}
