import { z } from "zod";

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Month and day only: the year is nobody's business. February 29 is allowed. */
export const birthdaySchema = z
  .object({
    month: z.coerce.number({ error: "Choose a month." }).int().min(1, { error: "Choose a month." }).max(12, { error: "Choose a month." }),
    day: z.coerce.number({ error: "Choose a day." }).int().min(1, { error: "Choose a day." }).max(31, { error: "Choose a day." }),
  })
  .refine((b) => b.day <= DAYS_IN_MONTH[b.month - 1], { error: "That day doesn't exist in that month.", path: ["day"] });

export type BirthdayInput = z.output<typeof birthdaySchema>;
