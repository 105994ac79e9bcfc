import { z } from "zod";

/** An admin sends a message that gave up back to the retry job. */
export const retryEmailSchema = z.object({ emailId: z.uuid("Choose a message.") });
