import { z } from "zod";

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
});

export type RequestSignInInput = z.input<typeof requestSignInSchema>;
