import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import { customers, type Customer } from "@/db/schema";
import { experimentGroupForNewCustomer } from "@/lib/analytics/holdout";

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * The customer for an email, created if new (orders from people who have not signed up). A new
 * customer is drawn into the analytics holdout's groups in the same insert, once.
 */
export async function getOrCreateCustomer(email: string, conn: Db | Tx = db, name?: string | null): Promise<Customer> {
  const normalized = normalizeEmail(email);
  await conn
    .insert(customers)
    .values({ email: normalized, name: name ?? null, experimentGroup: experimentGroupForNewCustomer() })
    .onConflictDoNothing({ target: customers.email });
  const [customer] = await conn.select().from(customers).where(eq(customers.email, normalized));
  return customer;
}

/**
 * The member's customer record: points earned before sign-up (store orders by email) are theirs
 * from the first sign-in. Idempotent; safe to call on every sign-in.
 */
export async function customerForUser(user: { id: string; email: string; name?: string | null }, conn: Db | Tx = db): Promise<Customer> {
  const [linked] = await conn.select().from(customers).where(eq(customers.userId, user.id));
  if (linked) return linked;
  const customer = await getOrCreateCustomer(user.email, conn, user.name);
  if (customer.userId === user.id) return customer;
  const [claimed] = await conn
    .update(customers)
    .set({ userId: user.id, name: customer.name ?? user.name ?? null })
    .where(and(eq(customers.id, customer.id), isNull(customers.userId)))
    .returning();
  return claimed ?? customer;
}
