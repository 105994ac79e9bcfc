"use server";

import { revalidatePath } from "next/cache";
import { ActionError, adminAction, memberAction } from "@/lib/actions/action";
import { customerForUser } from "@/lib/ledger/customers";
import { decideClaimSchema, submitClaimSchema } from "./claim-schemas";
import { ClaimError, decideClaim, submitClaim } from "./claims";

function asActionError(error: unknown): unknown {
  return error instanceof ClaimError ? new ActionError(error.message, error.code, error.fieldErrors) : error;
}

/** Member → "Earn more": claim a review or a share with its link. */
export const submitClaimAction = memberAction(submitClaimSchema, async ({ input, ctx }) => {
  const customer = await customerForUser(ctx.user);
  try {
    const result = await submitClaim({ customerId: customer.id, ruleId: input.ruleId, url: input.url });
    revalidatePath("/points");
    return result;
  } catch (error) {
    throw asActionError(error);
  }
});

/** Admin → approve or reject a pending claim, with a reason kept in the audit log. */
export const decideClaimAction = adminAction(decideClaimSchema, async ({ input, ctx }) => {
  try {
    const result = await decideClaim({ ...input, actorId: ctx.user.id });
    revalidatePath("/admin/claims");
    return result;
  } catch (error) {
    throw asActionError(error);
  }
});
