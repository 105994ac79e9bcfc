import type Stripe from "stripe";
import { addDuration, type Duration } from "./periods";
import { expireSession } from "./resources/checkout-sessions";
import { ObjectStore } from "./store";
import { dueAction, runDueAction, type DueAction } from "./subscribing";
import { clockNow, readState, runWork, type Core, type EmittedEvent } from "./work";

/**
 * The test clock. Emulator time is real time plus an offset (plus a per-customer offset for
 * advances scoped to one customer, so parallel tests do not move each other's subscriptions).
 * Advancing moves the offset, then replays everything that fell due, earliest first, each step in
 * its own transaction and stamped with the time it fell due — as Stripe's test clocks do.
 */

export type AdvanceOptions = { customer?: string };
export type AdvanceResult = { now: number; events: EmittedEvent[] };

/** Guards against a bug looping forever (e.g. a period that does not move forward). */
const MAX_STEPS = 10_000;

export async function advanceClock(core: Core, by: Duration, options: AdvanceOptions = {}): Promise<AdvanceResult> {
  await runWork(core, async (work) => {
    if (options.customer) await work.store.getOrThrow("customer", options.customer, "customer");
    const from = work.now(options.customer);
    const delta = addDuration(from, by) - from;
    if (delta < 0) throw new RangeError("The emulator clock only moves forward.");
    if (options.customer) work.state.clock.customers[options.customer] = (work.state.clock.customers[options.customer] ?? 0) + delta;
    else work.state.clock.offset += delta;
  });
  return runDue(core, options);
}

type Candidate = { at: number; run: () => Promise<EmittedEvent[]> };

/** Runs everything that is due now (the dev server's cron tick calls this as real time passes). */
export async function runDue(core: Core, scope: AdvanceOptions = {}): Promise<AdvanceResult> {
  const events: EmittedEvent[] = [];
  for (let step = 0; step < MAX_STEPS; step++) {
    const next = await nextDue(core, scope);
    if (!next) break;
    events.push(...(await next.run()));
  }
  const state = await readState(core.db);
  return { now: clockNow(state, core.realNow(), scope.customer), events };
}

async function nextDue(core: Core, scope: AdvanceOptions): Promise<Candidate | null> {
  const store = new ObjectStore(core.db);
  const state = await readState(core.db);
  const real = core.realNow();
  const candidates: Candidate[] = [];

  const subs = scope.customer ? await store.all("subscription", { customer: scope.customer }) : await store.all("subscription");
  for (const sub of subs) {
    if (sub.status === "canceled") continue;
    const action = await dueAction(store, sub);
    if (action && action.at <= clockNow(state, real, sub.customer as string)) candidates.push({ at: action.at, run: () => runSubscriptionStep(core, sub.id, action) });
  }

  const sessions = await store.all("checkout.session", { status: "open" });
  for (const session of sessions) {
    if (scope.customer && session.customer !== scope.customer) continue;
    if (session.expires_at <= clockNow(state, real, session.customer as string | null)) candidates.push({ at: session.expires_at, run: () => runExpiry(core, session) });
  }
  return candidates.sort((a, b) => a.at - b.at)[0] ?? null;
}

async function runSubscriptionStep(core: Core, id: string, planned: DueAction): Promise<EmittedEvent[]> {
  return runWork(core, async (work) => {
    // Re-read under the lock: a request may have changed the subscription since the scan.
    const sub = await work.store.getOrThrow("subscription", id);
    const action = await dueAction(work.store, sub);
    if (!action || action.kind !== planned.kind || action.at !== planned.at) return [];
    await runDueAction(work, sub, action);
    return work.events;
  });
}

async function runExpiry(core: Core, planned: Stripe.Checkout.Session): Promise<EmittedEvent[]> {
  return runWork(core, async (work) => {
    const session = await work.store.getOrThrow("checkout.session", planned.id);
    if (session.status !== "open") return [];
    work.time = session.expires_at;
    await expireSession(work, session);
    return work.events;
  });
}
