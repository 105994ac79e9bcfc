import "server-only";
import { render } from "@react-email/render";
import { eq, sql } from "drizzle-orm";
import type { ReactElement } from "react";
import { Resend } from "resend";
import { db } from "@/db";
import { emailOutbox } from "@/db/schema";
import { getEnv } from "@/lib/env";

export type SendEmailInput = {
  to: string;
  subject: string;
  react: ReactElement;
  /** A short name for the template, kept with the message for the admin outbox and tests. */
  template: string;
  /** e.g. a calendar invitation: { filename: "ticket.ics", contentType: "text/calendar", content } */
  attachments?: { filename: string; contentType: string; content: string | Buffer }[];
};

export type SendEmailResult = { id: string; status: "sent" | "failed" | "outbox" };

/**
 * Writes the message to the outbox first (so nothing is lost), then delivers it through Resend
 * when configured. Never throws into the request that sent it: failures are recorded on the row.
 * Call it after the transaction that caused it has committed (DESIGN invariant 8).
 */
export async function sendEmail(input: SendEmailInput): Promise<SendEmailResult | null> {
  const env = getEnv();
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
      })
      .returning({ id: emailOutbox.id });
    id = row.id;
  } catch (error) {
    console.error("[email] could not write to the outbox", { template: input.template, error });
    return null;
  }
  if (env.embedded.email) return { id, status: "outbox" };
  return deliver(id);
}

/** Delivers one outbox row through Resend and records the outcome on it. */
export async function deliver(id: string): Promise<SendEmailResult> {
  const env = getEnv();
  const [message] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  try {
    const resend = new Resend(env.RESEND_API_KEY);
    const { data, error } = await resend.emails.send({
      from: message.from,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      attachments: message.attachments.map((a) => ({ filename: a.filename, content: a.contentBase64, contentType: a.contentType })),
    });
    if (error) throw new Error(`${error.name}: ${error.message}`);
    await db
      .update(emailOutbox)
      .set({ status: "sent", providerId: data?.id ?? null, error: null, attempts: sql`${emailOutbox.attempts} + 1`, sentAt: new Date() })
      .where(eq(emailOutbox.id, id));
    return { id, status: "sent" };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error("[email] delivery failed", { id, reason });
    await db
      .update(emailOutbox)
      .set({ status: "failed", error: reason.slice(0, 1000), attempts: sql`${emailOutbox.attempts} + 1` })
      .where(eq(emailOutbox.id, id))
      .catch(() => {});
    return { id, status: "failed" };
  }
}
