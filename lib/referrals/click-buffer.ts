import "server-only";
import { db } from "@/db";
import { referralClicks } from "@/db/schema";

type Click = { id: string; code: string; ipHash: string; uaHash: string; at: Date };

/**
 * Clicks on shared links are written in batches (one multi-row insert per FLUSH_MS or MAX_BATCH),
 * after the redirect has gone out: a popular link costs one write per batch, not one per visitor.
 * At worst a crash loses the last FLUSH_MS of click counts; attribution needs the click only when
 * the visitor signs up, seconds later at the earliest.
 */
const FLUSH_MS = 100;
const MAX_BATCH = 500;
let pending: Click[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;

export function queueClick(click: Click): void {
  pending.push(click);
  if (pending.length >= MAX_BATCH) void flushClicks();
  else timer ??= setTimeout(() => void flushClicks(), FLUSH_MS);
}

export async function flushClicks(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = pending;
  pending = [];
  if (!batch.length) return;
  try {
    await db
      .insert(referralClicks)
      .values(batch.map((c) => ({ id: c.id, code: c.code, ipHash: c.ipHash, uaHash: c.uaHash, createdAt: c.at })))
      .onConflictDoNothing();
  } catch (error) {
    console.error(`[referrals] could not record ${batch.length} clicks`, error);
  }
}
