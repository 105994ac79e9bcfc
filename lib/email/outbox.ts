import "server-only";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { emailOutbox, type OutboxEmail } from "@/db/schema";
import { getEnv } from "@/lib/env";

/** The dev mailbox is the inbox only while no provider is configured, or in development. */
export function isMailboxEnabled(): boolean {
  const env = getEnv();
  return env.embedded.email || env.NODE_ENV === "development";
}

export async function listOutbox({ to, limit = 50 }: { to?: string; limit?: number } = {}): Promise<OutboxEmail[]> {
  const query = db.select().from(emailOutbox);
  const filtered = to ? query.where(eq(emailOutbox.to, to.trim().toLowerCase())) : query;
  return filtered.orderBy(desc(emailOutbox.createdAt)).limit(limit);
}

export async function getOutboxEmail(id: string): Promise<OutboxEmail | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row ?? null;
}

/** Links in a message, so the mailbox can show them as plain anchors outside the sandboxed frame. */
export function extractLinks(html: string): { href: string; text: string }[] {
  const links: { href: string; text: string }[] = [];
  for (const match of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"[^>]*>([\s\S]*?)<\/a>/gi)) {
    const href = match[1].replaceAll("&amp;", "&");
    const text = match[2].replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();
    if (/^https?:\/\//.test(href)) links.push({ href, text: text || href });
  }
  return links;
}
