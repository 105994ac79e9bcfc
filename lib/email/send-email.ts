import "server-only";
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { db } from "@/db";
import { emailOutbox } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { CLAIM_LEASE_MS, deliver } from "./deliver";

export type SendEmailInput = {
  to: string;
  subject: string;
  react: ReactElement;
  /** A short name for the template, kept with the message for the admin outbox and tests. */
  template: string;
  /** e.g. a calendar invitation: { filename: "ticket.ics", contentType: "text/calendar", content } */
  attachments?: { filename: string; contentType: string; content: string | Buffer }[];
};

/** `queued`: the first attempt failed and the retry job will try again (lib/email/deliver.ts). */
export type SendEmailResult = { id: string; status: "sent" | "queued" | "failed" | "outbox" };

/**
 * Writes the message to the outbox first (so nothing is lost), then makes the first delivery
 * attempt through the provider when one is configured; a failed attempt is retried with backoff by
 * the retry job. Never throws into the request that sent it. Call it after the transaction that
 * caused it has committed (DESIGN invariant 8).
 */
export async function sendEmail(input: SendEmailInput): Promise<SendEmailResult | null> {
  const env = getEnv();
  const now = new Date();
  let id: string;
  try {
    const [html, text] = await Promise.all([render(input.react), render(input.react, { plainText: true })]);
    const [row] = await db
      .insert(emailOutbox)
      .values({
        to: input.to.toLowerCase(),
        from: env.EMAIL_FROM,
        subject: input.subject,
        html,
        text,
        template: input.template,
        attachments: (input.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, contentBase64: Buffer.from(a.content).toString("base64") })),
        status: env.embedded.email ? "outbox" : "queued",
        // Claimed by this request for its first attempt; if the process dies before recording the
        // outcome, the retry job picks the message up when the lease runs out.
        nextAttemptAt: env.embedded.email ? null : new Date(now.getTime() + CLAIM_LEASE_MS),
      })
      .returning({ id: emailOutbox.id });
    id = row.id;
  } catch (error) {
    console.error("[email] could not write to the outbox", { template: input.template, error });
    return null;
  }
  if (env.embedded.email) return { id, status: "outbox" };
  const outcome = await deliver(id, { now });
  return { id, status: outcome.status === "skipped" ? "queued" : outcome.status };
}
