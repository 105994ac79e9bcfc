"use server";

import { revalidatePath } from "next/cache";
import { ActionError, memberAction } from "@/lib/actions/action";
import { customerForUser } from "@/lib/ledger/customers";
import { BirthdayAlreadySetError, setBirthday } from "./birthday";
import { birthdaySchema } from "./birthday-schemas";

export const setBirthdayAction = memberAction(birthdaySchema, async ({ input, ctx }) => {
  const customer = await customerForUser(ctx.user);
  try {
    const { awarded } = await setBirthday(customer.id, input);
    revalidatePath("/dashboard");
    return { awardedPoints: awarded?.status === "awarded" ? awarded.points : 0 };
  } catch (error) {
    if (error instanceof BirthdayAlreadySetError) throw new ActionError(error.message, "conflict");
    throw error;
  }
});
