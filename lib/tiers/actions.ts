"use server";

import { ActionError, adminAction } from "@/lib/actions/action";
import { manualFloorSchema } from "./schemas";
import { setManualFloor, TierError } from "./tiers";

/** Admin → keep a customer at (at least) a tier until a date, or clear that floor; audited with the reason. */
export const setManualFloorAction = adminAction(manualFloorSchema, async ({ input, ctx }) => {
  try {
    const change = await setManualFloor(input.customerId, input.tierId, input.until, ctx.user.id, input.reason);
    return { change };
  } catch (error) {
    if (error instanceof TierError) throw new ActionError(error.message, "invalid_input");
    throw error;
  }
});
