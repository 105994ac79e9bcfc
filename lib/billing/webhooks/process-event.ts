import "server-only";
import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { currentDriver, db, type Tx } from "@/db";
import { stripeEventFailures, stripeEvents } from "@/db/schema";
import { getStripe } from "../stripe-client";
import type { AfterCommit, EventHandler } from "./handler";
import { HANDLERS } from "./handlers";

export type ProcessOutcome = "processed" | "ignored" | "duplicate";

export type ProcessOptions = {
  /** Runs inside the transaction that records the event (an admin retry writes its audit row here). */
  inTransaction?: (tx: Tx, outcome: "processed" | "ignored") => Promise<void>;
};

// In-process queue per Stripe object, for the embedded database (see runLocked).
const localQueues = new Map<string, Promise<unknown>>();

function runLocally<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = localQueues.get(key) ?? Promise.resolve();
  const run = previous.catch(() => {}).then(fn);
  const tail = run.catch(() => {});
  localQueues.set(key, tail);
  void tail.then(() => {
    if (localQueues.get(key) === tail) localQueues.delete(key);
  });
  return run;
}

/**
 * Reads and writes for one Stripe object happen one event at a time, so a slower handler can never
 * write an older read over a newer one. On a Postgres server: a transaction-scoped advisory lock,
 * held while re-reading Stripe (works across app instances). On PGlite (one process, one
 * connection shared with the Stripe emulator) a read inside the transaction would wait on itself,
 * so the lock is an in-process queue and the read happens just before the transaction.
 */
export async function runLocked<T>(
  key: string | null,
  read: () => Promise<unknown>,
  write: (tx: Tx, state: unknown) => Promise<T>,
): Promise<T> {
  if ((await currentDriver()) === "pglite") {
    const body = async () => {
      const state = await read();
      return db.transaction((tx) => write(tx, state));
    };
    return key ? runLocally(key, body) : body();
  }
  return db.transaction(async (tx) => {
    if (key) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`stripe:${key}`}))`);
    return write(tx, await read());
  });
}

/**
 * Processes one verified event at most once (DESIGN invariant 5). The event id is inserted in the
 * same transaction as the changes it causes: a concurrent duplicate waits on the unique key and
 * then finds it; a failed run rolls back the id with everything else, so Stripe's retry runs again.
 */
export async function processStripeEvent(event: Stripe.Event, options: ProcessOptions = {}): Promise<ProcessOutcome> {
  const [seen] = await db.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, event.id));
  if (seen) return "duplicate";

  const handler: EventHandler | undefined = HANDLERS[event.type];
  const after: AfterCommit[] = [];
  let outcome: ProcessOutcome;
  try {
    outcome = await runLocked(
      handler ? handler.lockKey(event) : null,
      async () => (handler ? handler.read(await getStripe(), event) : null),
      async (tx, state) => {
        const [recorded] = await tx
          .insert(stripeEvents)
          .values({ id: event.id, type: event.type, status: "processed", created: event.created })
          .onConflictDoNothing()
          .returning({ id: stripeEvents.id });
        if (!recorded) return "duplicate";
        const result = handler && state !== null ? await handler.apply(tx, state, event) : { outcome: "ignored" as const };
        if (result.outcome === "ignored") await tx.update(stripeEvents).set({ status: "ignored" }).where(eq(stripeEvents.id, event.id));
        await options.inTransaction?.(tx, result.outcome);
        after.push(...(result.after ?? []));
        return result.outcome;
      },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.insert(stripeEventFailures).values({ eventId: event.id, type: event.type, error: message.slice(0, 2000) }).catch(() => {});
    throw error;
  }
  for (const effect of after) {
    await effect().catch((error) => console.error("[billing] after-commit effect failed", { event: event.id, error }));
  }
  return outcome;
}
