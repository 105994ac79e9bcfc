"use server";

import { revalidatePath } from "next/cache";
import { ActionError, adminAction } from "@/lib/actions/action";
import { manualFloorSchema } from "./schemas";
import { setManualFloor, TierError } from "./tiers";

/** Admin → keep a customer at (at least) a tier until a date, or clear that floor; audited with the reason. */
export const setManualFloorAction = adminAction(manualFloorSchema, async ({ input, ctx }) => {
  try {
    const change = await setManualFloor(input.customerId, input.tierId, input.until, ctx.user.id, input.reason);
    // The members console shows the floor on the member's profile.
    revalidatePath("/admin/members", "layout");
    return { change };
  } catch (error) {
    if (error instanceof TierError) throw new ActionError(error.message, "invalid_input");
    throw error;
  }
});
