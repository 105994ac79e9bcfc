"use server";

import { revalidatePath } from "next/cache";
import { ActionError, adminAction } from "@/lib/actions/action";
import { RedemptionError } from "./errors";
import {
  cancelFulfilment,
  cancelFulfilmentSchema,
  cancelSession,
  cancelSessionSchema,
  checkIn,
  checkInSchema,
  markFulfilled,
  markFulfilledSchema,
  markShipped,
  markShippedSchema,
} from "./operations";

function asActionError(error: unknown): unknown {
  if (!(error instanceof RedemptionError)) return error;
  return new ActionError(error.message, error.code === "not_found" ? "not_found" : error.code === "already_cancelled" ? "conflict" : "failed");
}

const run = async <T>(fn: () => Promise<T>, ...paths: string[]): Promise<T> => {
  try {
    const result = await fn();
    for (const path of paths) revalidatePath(path);
    return result;
  } catch (error) {
    throw asActionError(error);
  }
};

/** Admin at the door → check a ticket in by its code (typed or scanned). */
export const checkInAction = adminAction(checkInSchema, async ({ input, ctx }) => run(() => checkIn({ code: input.code, actorId: ctx.user.id })));

/** Admin → cancel a session: every booking refunded, attendees emailed. */
export const cancelSessionAction = adminAction(cancelSessionSchema, async ({ input, ctx }) =>
  run(() => cancelSession({ sessionId: input.sessionId, reason: input.reason, actorId: ctx.user.id }), `/admin/sessions/${input.sessionId}`),
);

/** Admin → a product went out: record the tracking number and email the member. */
export const markShippedAction = adminAction(markShippedSchema, async ({ input, ctx }) =>
  run(async () => {
    const r = await markShipped({ ...input, actorId: ctx.user.id });
    return { redemptionId: r.id, status: r.status };
  }, "/admin/fulfilment"),
);

/** Admin → a service was delivered (or a product handed over). */
export const markFulfilledAction = adminAction(markFulfilledSchema, async ({ input, ctx }) =>
  run(async () => {
    const r = await markFulfilled({ ...input, actorId: ctx.user.id });
    return { redemptionId: r.id, status: r.status };
  }, "/admin/fulfilment"),
);

/** Admin → cancel a pending redemption and give the points back (reason required). */
export const cancelFulfilmentAction = adminAction(cancelFulfilmentSchema, async ({ input, ctx }) =>
  run(async () => {
    const r = await cancelFulfilment({ ...input, actorId: ctx.user.id });
    return { redemptionId: r.id, status: r.status };
  }, "/admin/fulfilment"),
);
