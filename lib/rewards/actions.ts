"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db";
import { redemptions, rewards } from "@/db/schema";
import { ActionError, memberAction, type ActionErrorCode } from "@/lib/actions/action";
import { customerForUser } from "@/lib/ledger/customers";
import { RedemptionError, type RedemptionErrorCode } from "./errors";
import { createPromotionCodeForReward } from "@/lib/billing/promotion-codes";
import { sendRedemptionConfirmation } from "./notify";
import { cancelRedemption, redeem } from "./redeem";
import { acceptOffer, joinWaitlist, leaveWaitlist } from "./waitlist";

// The schemas live here until lib/rewards/schemas.ts exists ('use server' files export only actions).
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));

const shippingAddressSchema = z.object({
  name: z.string({ error: "Enter the recipient's name." }).trim().min(1, "Enter the recipient's name.").max(100, "At most 100 characters."),
  line1: z.string({ error: "Enter the street address." }).trim().min(1, "Enter the street address.").max(120, "At most 120 characters."),
  line2: optionalText(120),
  city: z.string({ error: "Enter the town or city." }).trim().min(1, "Enter the town or city.").max(80, "At most 80 characters."),
  postcode: z
    .string({ error: "Enter the postcode." })
    .trim()
    .min(2, "Enter the postcode.")
    .max(12, "At most 12 characters.")
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, "Use letters, digits, spaces and hyphens only."),
  country: z.string({ error: "Enter the country." }).trim().min(2, "Enter the country.").max(56, "At most 56 characters."),
});

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

const redeemSchema = z.object({
  rewardId: z.uuid("Choose a reward."),
  sessionId: z.preprocess(blankToUndefined, z.uuid("Choose a session.").optional()),
  // One per rendered form (the page's randomUUID()): the same form sent twice redeems once.
  requestKey: z.uuid({ error: "Reload the page and try again." }),
  // Checked only for products (the server decides what a reward needs, not the form).
  name: z.unknown().optional(),
  line1: z.unknown().optional(),
  line2: z.unknown().optional(),
  city: z.unknown().optional(),
  postcode: z.unknown().optional(),
  country: z.unknown().optional(),
});
const redemptionIdSchema = z.object({ redemptionId: z.uuid("Choose a redemption.") });
const sessionIdSchema = z.object({ sessionId: z.uuid("Choose a session.") });
const entryIdSchema = z.object({ entryId: z.coerce.number().int().positive() });

const CODES: Record<RedemptionErrorCode, ActionErrorCode> = {
  not_found: "not_found",
  not_available: "failed",
  tier_locked: "forbidden",
  members_only: "forbidden",
  limit_reached: "conflict",
  insufficient_points: "failed",
  sold_out: "conflict",
  booking_closed: "failed",
  already_cancelled: "conflict",
  key_reused: "conflict",
};

/** A refusal from the rewards services, in the words they chose. */
function asActionError(error: unknown): unknown {
  return error instanceof RedemptionError ? new ActionError(error.message, CODES[error.code]) : error;
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "form"] ??= []).push(issue.message);
  return out;
}

export type RedeemOutcome = { status: "redeemed"; redemptionId: string; kind: string; code: string | null } | { status: "full"; sessionId: string };

/**
 * Redeem a reward or book a session. A booking goes on to its ticket; a discount code is returned to
 * show at once. The same form sent again (a resend, a double submit without JavaScript) gets the
 * first submission's outcome back, with no second email or promotion code.
 */
export const redeemRewardAction = memberAction(redeemSchema, async ({ input, ctx }): Promise<RedeemOutcome> => {
  const customer = await customerForUser(ctx.user);
  const [reward] = await db.select({ kind: rewards.kind, slug: rewards.slug, status: rewards.status }).from(rewards).where(eq(rewards.id, input.rewardId));
  if (!reward || reward.status !== "active") throw new ActionError("That reward isn't available.", "not_found");
  let shippingAddress: Record<string, string> | undefined;
  if (reward.kind === "product") {
    const parsed = shippingAddressSchema.safeParse(input);
    if (!parsed.success) throw new ActionError("Please correct the highlighted fields.", "invalid_input", fieldErrorsOf(parsed.error));
    shippingAddress = Object.fromEntries(Object.entries(parsed.data).filter((e): e is [string, string] => typeof e[1] === "string"));
  }
  let result;
  try {
    result = await redeem({ customerId: customer.id, rewardId: input.rewardId, sessionId: input.sessionId, shippingAddress, requestKey: input.requestKey });
  } catch (error) {
    throw asActionError(error);
  }
  if (result.status === "full") {
    revalidatePath(`/rewards/${reward.slug}`);
    return { status: "full", sessionId: result.session.id };
  }
  // after commit (DESIGN invariant 8); a replay's first submission has done this already
  if (!result.replayed) {
    const { discount } = result.reward;
    if (result.redemption.code && discount?.stripePromotion) {
      await createPromotionCodeForReward({
        code: result.redemption.code,
        discount,
        expiresAt: discount.expiresInDays ? new Date(result.redemption.createdAt.getTime() + discount.expiresInDays * 86_400_000) : null,
        redemptionId: result.redemption.id,
      });
    }
    await sendRedemptionConfirmation(result.redemption.id);
  }
  // Also after a replay: the re-rendered page gives the form a fresh key.
  revalidatePath("/rewards", "layout");
  revalidatePath("/redemptions", "layout");
  if (result.ticket) redirect(`/redemptions/${result.redemption.id}`);
  return { status: "redeemed", redemptionId: result.redemption.id, kind: result.reward.kind, code: result.redemption.code };
});

/** Cancel a booking up to the session's cut-off: the points come back, the seat goes to the waitlist. */
export const cancelBookingAction = memberAction(redemptionIdSchema, async ({ input, ctx }) => {
  const customer = await customerForUser(ctx.user);
  const [found] = await db.select({ sessionId: redemptions.sessionId, customerId: redemptions.customerId }).from(redemptions).where(eq(redemptions.id, input.redemptionId));
  if (!found || found.customerId !== customer.id) throw new ActionError("We couldn't find that booking.", "not_found");
  if (!found.sessionId) throw new ActionError("Only bookings can be cancelled online. Please contact us about this redemption.", "failed");
  try {
    await cancelRedemption({ redemptionId: input.redemptionId, customerId: customer.id, reason: "Cancelled by the member" });
  } catch (error) {
    throw asActionError(error);
  }
  revalidatePath("/rewards", "layout");
  revalidatePath("/redemptions", "layout");
  return { cancelled: true as const };
});

/** Join the waitlist of a full session; returns the member's place in the queue. */
export const joinWaitlistAction = memberAction(sessionIdSchema, async ({ input, ctx }) => {
  const customer = await customerForUser(ctx.user);
  try {
    const place = await joinWaitlist({ customerId: customer.id, sessionId: input.sessionId });
    revalidatePath("/rewards", "layout");
    return place;
  } catch (error) {
    throw asActionError(error);
  }
});

/** Leave a waitlist (or decline a held seat, which passes to the next in line). */
export const leaveWaitlistAction = memberAction(entryIdSchema, async ({ input, ctx }) => {
  const customer = await customerForUser(ctx.user);
  try {
    await leaveWaitlist({ customerId: customer.id, entryId: input.entryId });
  } catch (error) {
    throw asActionError(error);
  }
  revalidatePath("/rewards", "layout");
  return { left: true as const };
});

/** Accept the seat held for the member: booked on it, ticket issued, on to the ticket. */
export const acceptOfferAction = memberAction(entryIdSchema, async ({ input, ctx }) => {
  const customer = await customerForUser(ctx.user);
  let booked;
  try {
    booked = await acceptOffer({ customerId: customer.id, entryId: input.entryId });
  } catch (error) {
    throw asActionError(error);
  }
  await sendRedemptionConfirmation(booked.redemption.id);
  revalidatePath("/rewards", "layout");
  revalidatePath("/redemptions", "layout");
  redirect(`/redemptions/${booked.redemption.id}`);
});
