import { z } from "zod";

export const checkoutSchema = z.object({
  planId: z.string().trim().min(1, { error: "Choose a plan." }).max(64).regex(/^[a-z0-9_]+$/, { error: "Choose one of the plans on this page." }),
});

export const emptySchema = z.object({});
