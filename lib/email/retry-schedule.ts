/**
 * When a failed delivery is tried again: exponential backoff from one minute, doubling, capped at an
 * hour — 1, 2, 4, 8, 16, 32, 60 minutes — and after the 8th attempt (about two hours of trying) the
 * message is marked `failed` for an admin to see. Deterministic (no jitter): the retry job claims
 * due messages with SKIP LOCKED, so senders never pile onto one message anyway.
 */
export const EMAIL_MAX_ATTEMPTS = 8;

const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 3_600_000;

/** The wait after attempt number `attempts` (1-based) failed; null when no attempt is left. */
export function retryDelayMs(attempts: number): number | null {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a positive integer, got ${attempts}`);
  if (attempts >= EMAIL_MAX_ATTEMPTS) return null;
  return Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), MAX_RETRY_MS);
}

/**
 * Provider answers about the message itself (malformed address, oversized attachment) will not
 * change on a retry, so they end it at once. Everything else is worth waiting for: rate limits,
 * quotas, timeouts, server errors, and a bad or restricted API key (an admin can fix that).
 */
const PERMANENT_STATUSES = new Set([400, 413, 422]);

export function isPermanentFailure(statusCode: number | null | undefined): boolean {
  return typeof statusCode === "number" && PERMANENT_STATUSES.has(statusCode);
}
