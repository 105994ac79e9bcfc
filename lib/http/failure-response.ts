import "server-only";
import { randomBytes } from "node:crypto";
import { isDatabaseUnavailable } from "@/db/errors";

/** What a client should wait before retrying while the database is unreachable (a restart takes seconds). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * 503 with Retry-After when the request failed because the database is unreachable, else null.
 * Nothing was half-written: every write runs in a transaction, which the server rolls back when
 * the connection drops. Decision: docs/decisions/0013-resilience.md
 */
export function unavailableResponse(error: unknown): Response | null {
  if (!isDatabaseUnavailable(error)) return null;
  console.error("[db] request failed: the database is unreachable", error instanceof Error ? error.message : error);
  return Response.json(
    { error: `The service is briefly unavailable; retry in ${RETRY_AFTER_SECONDS} seconds.` },
    { status: 503, headers: { "retry-after": String(RETRY_AFTER_SECONDS) } },
  );
}

/** A route handler's last resort: 503 + Retry-After for an outage, otherwise 500 with a reference for the log. */
export function failureResponse(error: unknown, label: string): Response {
  const unavailable = unavailableResponse(error);
  if (unavailable) return unavailable;
  const reference = randomBytes(4).toString("hex");
  console.error(`${label} failed ${reference}`, error);
  return Response.json({ error: `Something went wrong on our side (reference ${reference} in the server log).` }, { status: 500 });
}
