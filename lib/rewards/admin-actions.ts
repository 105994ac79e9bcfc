"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/actions/action";
import { refreshVisitorPages } from "@/lib/site/refresh-visitor-pages";
import { archiveReward, cancelDraftSession, createReward, createSession, updateReward, updateSession } from "./admin";
import { rewardArchiveSchema, rewardCreateSchema, rewardUpdateSchema, sessionCancelSchema, sessionCreateSchema, sessionUpdateSchema } from "./schemas";

/**
 * Admin → rewards catalog. Each action authenticates and checks the admin role itself (the
 * factory), parses the form with the shared schemas, and the service writes the change with its
 * audit row in one transaction. Refusals come back as field errors; nothing is written.
 */

function refresh() {
  revalidatePath("/admin/rewards", "layout");
  revalidatePath("/rewards", "layout");
  refreshVisitorPages();
}

export const createRewardAction = adminAction(rewardCreateSchema, async ({ input, ctx }) => {
  const reward = await createReward(ctx.user.id, input);
  refresh();
  return { id: reward.id, slug: reward.slug, title: reward.title };
});

export const updateRewardAction = adminAction(rewardUpdateSchema, async ({ input, ctx }) => {
  const { reward, changed } = await updateReward(ctx.user.id, input);
  if (changed.length) refresh();
  return { id: reward.id, slug: reward.slug, changed };
});

export const archiveRewardAction = adminAction(rewardArchiveSchema, async ({ input, ctx }) => {
  const reward = await archiveReward(ctx.user.id, input);
  refresh();
  return { id: reward.id, status: reward.status };
});

export const createSessionAction = adminAction(sessionCreateSchema, async ({ input, ctx }) => {
  const session = await createSession(ctx.user.id, input);
  refresh();
  return { id: session.id, rewardId: session.rewardId };
});

export const updateSessionAction = adminAction(sessionUpdateSchema, async ({ input, ctx }) => {
  const { session, changed } = await updateSession(ctx.user.id, input);
  if (changed.length) refresh();
  return { id: session.id, rewardId: session.rewardId, changed };
});

export const cancelDraftSessionAction = adminAction(sessionCancelSchema, async ({ input, ctx }) => {
  const session = await cancelDraftSession(ctx.user.id, input);
  refresh();
  return { id: session.id, status: session.status };
});
