import { z } from "zod";
import { invalidRequest, missingParameter, unknownParameter } from "./errors";
import type { FormObject, FormValue } from "./form";

/**
 * Zod building blocks for request parameters as they arrive form-encoded: every scalar is a string,
 * so integers and booleans are parsed on purpose, and every object is strict because Stripe answers
 * an unknown parameter with a 400 (which is how a typo in the app's billing code gets caught here).
 */
export const int = z.string().transform((s, ctx) => {
  if (!/^-?\d+$/.test(s)) {
    ctx.addIssue({ code: "custom", message: `Invalid integer: ${s}` });
    return z.NEVER;
  }
  return Number(s);
});

export const bool = z.string().transform((s, ctx) => {
  if (s !== "true" && s !== "false") {
    ctx.addIssue({ code: "custom", message: `Invalid boolean: ${s}` });
    return z.NEVER;
  }
  return s === "true";
});

export const decimal = z.string().transform((s, ctx) => {
  if (!/^-?\d+(\.\d+)?$/.test(s)) {
    ctx.addIssue({ code: "custom", message: `Invalid decimal: ${s}` });
    return z.NEVER;
  }
  return Number(s);
});

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: () => `Invalid value: must be one of ${values.join(", ")}` });

/** `metadata[key]=value`; an empty value unsets a key and `metadata=` clears them all. */
export const metadata = z.union([z.literal(""), z.record(z.string(), z.string())]);

export const expand = z.array(z.string()).optional();

export const listParams = {
  limit: int.optional(),
  starting_after: z.string().optional(),
  ending_before: z.string().optional(),
  expand,
};

/** `created=123` or `created[gte]=…&created[lt]=…` */
export const createdFilter = z.union([int, z.strictObject({ gt: int.optional(), gte: int.optional(), lt: int.optional(), lte: int.optional() })]).optional();

export function parseParams<S extends z.ZodType>(schema: S, input: FormObject): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") throw unknownParameter(formatParam([...path, issue.keys[0]]));
  const param = formatParam(path);
  if (valueAt(input, path) === undefined) throw missingParameter(param);
  const message = issue.code === "custom" || issue.message.startsWith("Invalid value:") ? issue.message : `Invalid ${param}: ${issue.message}`;
  throw invalidRequest(message.replace("Invalid value:", `Invalid ${param}:`), param, "parameter_invalid");
}

/** ["line_items", "0", "price"] → "line_items[0][price]", the way Stripe names params in errors. */
export function formatParam(path: string[]): string {
  return path.map((p, i) => (i === 0 ? p : `[${p}]`)).join("");
}

function valueAt(input: FormValue, path: string[]): FormValue | undefined {
  let node: FormValue | undefined = input;
  for (const key of path) {
    if (node === undefined || typeof node === "string") return undefined;
    node = Array.isArray(node) ? node[Number(key)] : node[key];
  }
  return node;
}

/** Applies a metadata update the way Stripe merges it. */
export function mergeMetadata(current: Record<string, string>, update: z.output<typeof metadata> | undefined): Record<string, string> {
  if (update === undefined) return current;
  if (update === "") return {};
  const next = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === "") delete next[k];
    else next[k] = v;
  }
  return next;
}
