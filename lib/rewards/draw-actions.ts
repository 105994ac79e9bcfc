"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ActionError, adminAction, memberAction } from "@/lib/actions/action";
import { customerForUser } from "@/lib/ledger/customers";
import { enterDraw, runDraw } from "./draw";
import { RedemptionError } from "./errors";

const sessionInput = z.object({ sessionId: z.uuid("That isn't a valid session.") });

function asActionError(error: unknown): unknown {
  if (!(error instanceof RedemptionError)) return error;
  return new ActionError(error.message, error.code === "not_found" ? "not_found" : error.code === "tier_locked" || error.code === "members_only" ? "forbidden" : "failed");
}

/** Member → enter a draw-mode session's draw (free; one entry each). */
export const enterDrawAction = memberAction(sessionInput, async ({ input, ctx }) => {
  const customer = await customerForUser(ctx.user);
  try {
    const result = await enterDraw({ customerId: customer.id, sessionId: input.sessionId });
    revalidatePath("/rewards", "layout");
    return result;
  } catch (error) {
    throw asActionError(error);
  }
});

/** Admin → run a session's draw once its entries have closed (a second run changes nothing). */
export const runDrawAction = adminAction(sessionInput, async ({ input, ctx }) => {
  try {
    const result = await runDraw({ sessionId: input.sessionId, actorId: ctx.user.id });
    revalidatePath(`/admin/sessions/${input.sessionId}`);
    return result.status === "drawn"
      ? { status: result.status, seed: result.seed, won: result.winners.length, entries: result.outcomes.length }
      : { status: result.status, seed: result.seed, won: null, entries: null };
  } catch (error) {
    throw asActionError(error);
  }
});
