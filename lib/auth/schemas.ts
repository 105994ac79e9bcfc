import { z } from "zod";
import { optionalReferralCodeSchema } from "@/lib/referrals/schemas";

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, { error: "Enter your email address." })
  .max(320, { error: "That email address is too long." })
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }));

export const requestSignInSchema = z.object({
  email: emailSchema,
  callbackUrl: z.string().max(2000).optional(),
  /** Optional on the join form: a friend's code, recorded at the first sign-in. */
  referralCode: optionalReferralCodeSchema,
});

export type RequestSignInInput = z.input<typeof requestSignInSchema>;
