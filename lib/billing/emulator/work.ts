import type Stripe from "stripe";
import type { Db, Tx } from "@/db/client";
import { ID_PREFIX, makeId, type IdKind } from "./ids";
import { snapshot } from "./present";
import { ObjectStore } from "./store";
import type { StripeObject } from "./types";

/** The emulator's own bookkeeping, one row (`emulator.state`) locked by every writer. */
export type EmulatorState = {
  /** Next id sequence number; part of every generated id so ids sort in creation order. */
  seq: number;
  /** Generated once per database; the app verifies emulator webhooks with it (never a public constant). */
  webhookSecret?: string;
  clock: {
    /** Seconds the whole emulator runs ahead of real time (test clock advances). */
    offset: number;
    /** Extra seconds per customer, for advances scoped to one customer (like Stripe test clocks). */
    customers: Record<string, number>;
  };
};

const STATE_ID = "emulator_state";
const STATE_OBJECT = "emulator.state";
export const DELIVERY_OBJECT = "emulator.webhook_delivery";

export const initialState = (): EmulatorState => ({ seq: 1, clock: { offset: 0, customers: {} } });

/** What every part of the emulator shares. */
export type Core = {
  db: Db;
  appUrl: string;
  apiVersion: string;
  /** Real time in Unix seconds (injectable so tests can pin it). */
  realNow: () => number;
  webhooksEnabled: () => boolean;
  /** Days between failed renewal attempts; when they run out the subscription is canceled. */
  dunningDays: number[];
  /** Called after a transaction that wrote events has committed: webhook delivery starts then. */
  afterCommit: (events: EmittedEvent[]) => void;
};

export type EmittedEvent = { id: string; type: string };

export type RequestInfo = { id: string | null; idempotency_key: string | null };

export type DeliveryRow = {
  id: string;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  /** Real time (ms) before which an automatic retry must not run. */
  next_attempt_at: number;
  last_status: number | null;
  last_error: string | null;
};

export function clockNow(state: EmulatorState, realNow: number, customer?: string | null): number {
  return realNow + state.clock.offset + (customer ? (state.clock.customers[customer] ?? 0) : 0);
}

export async function readState(db: Db | Tx): Promise<EmulatorState> {
  return (await new ObjectStore(db).findInternal<EmulatorState>(STATE_ID)) ?? initialState();
}

/**
 * One change to the emulated account: a transaction that holds the state row's lock (so concurrent
 * requests apply one after another, as if Stripe had serialised them), allocates ids, stores
 * objects and records events. Webhooks go out only after it commits.
 */
export class Work {
  readonly store: ObjectStore;
  /** Emulator time at which this change happens; `created` and event times use it. */
  time: number;
  readonly events: EmittedEvent[] = [];

  constructor(
    readonly core: Core,
    tx: Tx,
    readonly state: EmulatorState,
    readonly request: RequestInfo,
  ) {
    this.store = new ObjectStore(tx);
    this.time = clockNow(state, core.realNow());
  }

  id(kind: IdKind, randomLength = kind === "checkout.session" ? 48 : 8): string {
    return makeId(ID_PREFIX[kind], this.state.seq++, randomLength);
  }

  /** The clock a customer's objects live on. */
  now(customer?: string | null): number {
    return clockNow(this.state, this.core.realNow(), customer);
  }

  /** Moves this change onto a customer's clock (their test-clock time). */
  onClockOf(customer: string | null | undefined): this {
    this.time = this.now(customer);
    return this;
  }

  async save(object: StripeObject): Promise<void> {
    await this.store.put(object, this.time);
  }

  /** Records an event with a snapshot of the object as it is now, and queues its webhook. */
  async emit(type: string, object: StripeObject, previous?: Record<string, unknown>): Promise<Stripe.EventBase> {
    const event: Stripe.EventBase = {
      id: this.id("event", 14),
      object: "event",
      api_version: this.core.apiVersion,
      created: this.time,
      data: {
        object: snapshot(object) as unknown as Stripe.Event.Data.Object,
        ...(previous && Object.keys(previous).length ? { previous_attributes: previous as Stripe.Event.Data.PreviousAttributes } : {}),
      },
      livemode: false,
      pending_webhooks: this.core.webhooksEnabled() ? 1 : 0,
      request: this.request,
      type: type as Stripe.Event.Type,
    };
    await this.store.put(event, this.time);
    if (this.core.webhooksEnabled()) {
      const delivery: DeliveryRow = { id: `whdel_${event.id}`, event: event.id, status: "pending", attempts: 0, next_attempt_at: 0, last_status: null, last_error: null };
      await this.store.putRaw(delivery.id, DELIVERY_OBJECT, delivery, this.time);
    }
    this.events.push({ id: event.id, type });
    return event;
  }
}

export type WorkOptions = { request?: RequestInfo };

export async function runWork<T>(core: Core, fn: (work: Work) => Promise<T>, options: WorkOptions = {}): Promise<T> {
  let events: EmittedEvent[] = [];
  const result = await core.db.transaction(async (tx) => {
    const store = new ObjectStore(tx);
    let state = await store.lock<EmulatorState>(STATE_ID);
    if (!state) {
      // First write ever: create the state row (two first writers must not both fail), then lock it.
      await store.insertIfAbsent(STATE_ID, STATE_OBJECT, initialState(), 0);
      state = (await store.lock<EmulatorState>(STATE_ID)) ?? initialState();
    }
    const work = new Work(core, tx, state, options.request ?? { id: null, idempotency_key: null });
    const value = await fn(work);
    await store.putRaw(STATE_ID, STATE_OBJECT, work.state, 0);
    events = work.events;
    return value;
  });
  if (events.length) core.afterCommit(events);
  return result;
}

/** Shallow "what changed" in Stripe's `previous_attributes` form: old values of changed top-level fields. */
export function previousAttributes(before: object, after: object): Record<string, unknown> {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(a)) {
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) out[key] = b[key] ?? null;
  }
  return out;
}
