/**
 * Is this error the database being unreachable (down, restarting, connection dropped, out of
 * connections) rather than a bug or a refused statement? Such a request can be retried as it was:
 * route handlers answer 503 with Retry-After, server actions an "unavailable" result.
 * Walks `cause` chains (drizzle wraps driver errors) and AggregateErrors (a refused dual-stack connect).
 */

/** Socket-level failures while connecting or talking to the server. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

/** SQLSTATEs: class 08 (connection exception), shutdown and start-up, too many connections. */
const SQLSTATE = /^(08\d{3}|57P01|57P02|57P03|53300)$/;

/** node-postgres and the Neon driver say these in words, without a code. */
const MESSAGES = [
  /connection terminated/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /websocket (was closed|connection)/i,
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 8) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && (NETWORK_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
  if (typeof e.message === "string" && MESSAGES.some((m) => m.test(e.message as string))) return true;
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
