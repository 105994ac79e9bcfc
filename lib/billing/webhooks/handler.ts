import "server-only";
import type Stripe from "stripe";
import type { Tx } from "@/db";

/** A side effect that runs after the transaction commits (DESIGN invariant 8): emails, mostly. */
export type AfterCommit = () => Promise<unknown>;

export type ApplyResult = { outcome: "processed" | "ignored"; after?: AfterCommit[] };

/**
 * One Stripe event type. Split in two so that reading Stripe happens under the billing lock but,
 * on the embedded database, outside the transaction (the emulator shares PGlite's one connection):
 * - `lockKey` names the Stripe object whose state the event changes (no network);
 * - `read` re-reads that object's current state from Stripe;
 * - `apply` writes it, inside the transaction that records the event id.
 */
export type EventHandler<E extends Stripe.Event = Stripe.Event, S = unknown> = {
  lockKey(event: E): string | null;
  read(stripe: Stripe, event: E): Promise<S | null>;
  apply(tx: Tx, state: S, event: E): Promise<ApplyResult>;
};

export function defineHandler<E extends Stripe.Event, S>(handler: EventHandler<E, S>): EventHandler {
  return handler as unknown as EventHandler;
}
