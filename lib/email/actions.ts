"use server";

import { revalidatePath } from "next/cache";
import { ActionError, adminAction } from "@/lib/actions/action";
import { retryFailedEmail } from "./outbox";
import { retryEmailSchema } from "./schemas";

/** Admin → Email delivery: try a message that gave up again, on the next run of the retry job. */
export const retryEmailAction = adminAction(retryEmailSchema, async ({ input, ctx }) => {
  const queued = await retryFailedEmail({ emailId: input.emailId, actorId: ctx.user.id });
  if (!queued) throw new ActionError("This message is no longer waiting for a retry: it was sent or queued again already.", "conflict");
  revalidatePath("/admin/emails");
  return { queued };
});
