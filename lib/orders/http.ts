import "server-only";
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { Integration } from "@/db/schema";
import { EarningError } from "@/lib/earning/errors";
import { unavailableResponse } from "@/lib/http/failure-response";
import { findNulByte } from "@/lib/security/nul-bytes";
import { authenticateSignedRequest } from "./authenticate";
import { OrderApiError } from "./errors";

export type ApiReply = { status: number; body: Record<string, unknown> };

/** The first problem, named by its field path (`qualifyingCents`, `lines.0.quantity`). */
export function firstIssue(error: z.ZodError): { error: string; field: string } {
  const issue = error.issues[0];
  return { error: issue.message, field: issue.path.join(".") || "body" };
}

/**
 * The order API's request pipeline, so each route handler stays thin (DESIGN "Layers"): verify the
 * signature over the raw body → parse JSON → validate → run the service → JSON. Errors become
 * `{ error, field }` with their status; nothing is written before validation has passed.
 */
export async function handleSignedJson<S extends z.ZodType>(request: Request, schema: S, run: (args: { integration: Integration; input: z.output<S> }) => Promise<ApiReply>): Promise<Response> {
  try {
    const { integration, body } = await authenticateSignedRequest(request);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new OrderApiError(400, "The body is not valid JSON.", "body");
    }
    // Postgres cannot store "\u0000" in text: refused with the field named, not a 500.
    const nul = findNulByte(json);
    if (nul) throw new OrderApiError(400, `${nul === "form" ? "body" : nul} must not contain a NUL character (\\u0000).`, nul === "form" ? "body" : nul);
    const parsed = schema.safeParse(json);
    if (!parsed.success) return Response.json(firstIssue(parsed.error), { status: 400 });
    const reply = await run({ integration, input: parsed.data });
    return Response.json(reply.body, { status: reply.status });
  } catch (error) {
    return errorResponse(error);
  }
}

export function errorResponse(error: unknown): Response {
  if (error instanceof OrderApiError) return Response.json({ error: error.message, ...(error.field ? { field: error.field } : {}) }, { status: error.status });
  if (error instanceof EarningError && error.code === "key_conflict") {
    return Response.json({ error: "This externalId was already used for another customer.", field: "externalId" }, { status: 409 });
  }
  // The database is unreachable (restarting, failing over): nothing was written, retry as it was.
  const unavailable = unavailableResponse(error);
  if (unavailable) return unavailable;
  const reference = randomBytes(4).toString("hex");
  console.error(`[orders] request failed ${reference}`, error);
  return Response.json({ error: `Something went wrong on our side; retry later. Reference ${reference}.` }, { status: 500 });
}
