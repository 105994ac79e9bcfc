"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/actions/action";
import { clientIp } from "@/lib/auth/client-ip";
import { adjustPoints } from "./adjust-points";
import { grantCompMembership, revokeCompMembership } from "./comp-memberships";
import { adjustPointsSchema, grantCompSchema, revokeCompSchema, sendSignInLinkSchema } from "./schemas";
import { sendMemberSignInLink } from "./sign-in-link";

/*
 * The members console's server actions. Each authenticates and authorises itself through the
 * admin factory (DESIGN invariant 7); the services write the change and its audit row together.
 * The tier floor form uses lib/tiers' setManualFloorAction.
 */

/** Admin → add or take away points, with a reason code and a note the member reads. */
export const adjustPointsAction = adminAction(adjustPointsSchema, async ({ input, ctx }) => {
  const { posting, created, available } = await adjustPoints(ctx.user.id, input);
  revalidatePath("/admin/members", "layout");
  return { postingId: posting.id, points: posting.points, memo: posting.memo, created, available };
});

/** Admin → give a plan until a date (or change the comp's plan or date). */
export const grantCompMembershipAction = adminAction(grantCompSchema, async ({ input, ctx }) => {
  const { membership, change } = await grantCompMembership(ctx.user.id, input);
  revalidatePath("/admin/members", "layout");
  return { membershipId: membership.id, planId: membership.planId, until: membership.currentPeriodEnd, change };
});

/** Admin → end a complimentary membership now. */
export const revokeCompMembershipAction = adminAction(revokeCompSchema, async ({ input, ctx }) => {
  const membership = await revokeCompMembership(ctx.user.id, input);
  revalidatePath("/admin/members", "layout");
  return { membershipId: membership.id, endedAt: membership.endedAt };
});

/** Admin → email the member a fresh sign-in link (rate-limited like the sign-in page). */
export const sendSignInLinkAction = adminAction(sendSignInLinkSchema, async ({ input, ctx }) => {
  const result = await sendMemberSignInLink(ctx.user.id, input.userId, await clientIp());
  revalidatePath("/admin/members", "layout");
  return result;
});
