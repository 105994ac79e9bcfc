import type { ActionResult } from "@/lib/actions/result";

/**
 * Calling the running app the way a browser does. A server action is a POST to a page with the
 * `Next-Action: <id>` header and its arguments encoded as React's encodeReply does: a JSON array
 * (text/plain), or multipart form data when an argument is a FormData (field "0" holds the array,
 * `$K<n>` points at the fields prefixed `<n>_`). Strings that start with "$" are escaped as "$$".
 */

/** Auth.js's session cookie; behind https (AUTH_URL https://…) it carries the __Secure- prefix. */
export const SESSION_COOKIE = "authjs.session-token";

export type Caller = { name: string; sessionToken: string | null; cookieName?: string };

export function cookieFor(caller: Caller): Record<string, string> {
  return caller.sessionToken ? { cookie: `${caller.cookieName ?? SESSION_COOKIE}=${caller.sessionToken}` } : {};
}

function escapeStrings(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(escapeStrings);
  if (value && typeof value === "object" && !(value instanceof FormData)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeStrings(v)]));
  }
  return value;
}

export function encodeArgs(args: readonly unknown[]): { body: string | FormData; contentType?: string } {
  if (!args.some((a) => a instanceof FormData)) return { body: JSON.stringify(escapeStrings(args)), contentType: "text/plain;charset=UTF-8" };
  const body = new FormData();
  let part = 0;
  const root = args.map((arg) => {
    if (!(arg instanceof FormData)) return escapeStrings(arg);
    const id = ++part;
    for (const [key, value] of arg.entries()) body.append(`${id}_${key}`, value);
    return `$K${id.toString(16)}`;
  });
  body.set("0", JSON.stringify(root));
  return { body };
}

export type ActionResponse = {
  status: number;
  /** From `x-action-redirect`: the action called redirect(). */
  redirect: string | null;
  /** The action's return value, when the response carries one as JSON. */
  result: ActionResult<unknown> | undefined;
  /** Next rendered an error in place of a result (the action threw past the factory). */
  errored: boolean;
  text: string;
};

/** Flight rows are `<id>:<json>` lines; "$undefined" is React's undefined. */
function parseFlight(text: string): { result: unknown; errored: boolean } {
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1], match[2]);
  }
  const head = rows.get("0");
  if (!head) return { result: undefined, errored: false };
  let ref: string | undefined;
  try {
    ref = (JSON.parse(head) as { a?: string }).a?.replace(/^\$@/, "");
  } catch {
    return { result: undefined, errored: false };
  }
  const row = ref ? rows.get(ref) : undefined;
  if (!row) return { result: undefined, errored: false };
  if (row.startsWith("E")) return { result: undefined, errored: true };
  try {
    return { result: JSON.parse(row, (_key, value) => (value === "$undefined" ? undefined : value)), errored: false };
  } catch {
    return { result: undefined, errored: false };
  }
}

export async function callAction(
  baseUrl: string,
  call: { id: string; page: string; args: readonly unknown[]; caller: Caller; headers?: Record<string, string>; rawBody?: string },
): Promise<ActionResponse> {
  const encoded = call.rawBody !== undefined ? { body: call.rawBody, contentType: "text/plain;charset=UTF-8" } : encodeArgs(call.args);
  const response = await fetch(new URL(call.page, baseUrl), {
    method: "POST",
    redirect: "manual",
    headers: {
      accept: "text/x-component",
      "next-action": call.id,
      origin: baseUrl,
      ...(encoded.contentType ? { "content-type": encoded.contentType } : {}),
      ...cookieFor(call.caller),
      ...call.headers,
    },
    body: encoded.body,
  });
  const text = await response.text();
  const redirect = response.headers.get("x-action-redirect");
  const { result, errored } = parseFlight(text);
  return { status: response.status, redirect, result: result as ActionResult<unknown> | undefined, errored, text };
}

/** A compact description of a response for assertion messages. */
export function describeResponse(response: ActionResponse): string {
  if (response.result) return `${response.status} ${JSON.stringify(response.result).slice(0, 300)}`;
  if (response.redirect) return `${response.status} redirect ${response.redirect}`;
  return `${response.status} ${response.text.slice(0, 300)}`;
}
