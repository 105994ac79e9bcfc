import fc from "fast-check";
import type { RefKind } from "../surface";

/**
 * Generators of malformed input for the fuzz tier. Every generator here is built so that what it
 * produces cannot be a valid call (a required key missing, a wrong shape, a reference to nothing,
 * a bad signature), so no row may change; fuzz.test.ts also asserts each call was refused, which
 * catches a generator that slips.
 */

/** Strings that break parsers, queries and renderers: quotes, NULs, lone surrogates, huge, numeric-looking. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom(
    "",
    " ",
    "' OR '1'='1' --",
    '"; DROP TABLE users; --',
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "%00",
    "\u0000",
    "a\u0000b",
    "\uD800",
    "\uFFFE",
    "${7*7}",
    "{{7*7}}",
    "__proto__",
    "constructor",
    "NaN",
    "Infinity",
    "-1",
    "-0",
    "1e309",
    "0.5",
    "99999999999999999999",
    "9223372036854775808",
    "null",
    "undefined",
    "true",
    "[object Object]",
    "$ACTION_ID_x",
    "$K1",
    "2026-02-30",
    "0000-00-00T00:00",
  ),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => "x".repeat(n)),
);

/** A hostile string that can travel in an HTTP header (Latin-1, no control characters). */
export const hostileHeader: fc.Arbitrary<string> = hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, "?").slice(0, 8000));

/** encodeURIComponent, with lone surrogates (which it refuses) replaced first. */
export function encodePathSegment(s: string): string {
  return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, "\uFFFD"));
}

/** Values no field of any form schema accepts: objects, nested objects, prototype-looking keys. */
export const hostileObject: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.constant({}),
  fc.constant({ $ne: null }),
  fc.constant(JSON.parse('{"__proto__": {"admin": true}}') as Record<string, unknown>),
  fc.constant(JSON.parse('{"__proto__": {"role": "admin"}, "constructor": {"prototype": {"x": 1}}}') as Record<string, unknown>),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 4 }),
);

/** A whole argument list that no object schema accepts. */
export const wrongShapeArgs: fc.Arbitrary<unknown[]> = fc.oneof(
  fc.constant<unknown[]>([]),
  fc.tuple(fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null))),
  fc.tuple(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 })),
  fc.tuple(fc.constant(null), fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.constant(null))),
  fc.array(fc.string({ maxLength: 10 }), { minLength: 3, maxLength: 8 }),
);

const alnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`));

/** A reference of the right shape (or a hostile one) that names no record in the fixture database. */
export function danglingRef(kind: RefKind): fc.Arbitrary<unknown> {
  switch (kind) {
    case "uuid":
      return fc.uuid({ version: 4 });
    case "serial":
      return fc.oneof(fc.integer({ min: 1_000_000, max: 2_147_483_647 }), fc.constantFrom("99999999999999999999", "9223372036854775808", "1e20", "9007199254740993"));
    case "userId":
      return fc.oneof(fc.uuid({ version: 4 }), hostileString.filter((s) => s.trim().length > 0 && s.trim().length <= 100));
    case "slug":
      return fc.stringMatching(/^[a-z0-9_]{12,40}$/);
    case "referralCode":
      return fc.stringMatching(/^[A-Z0-9]{9,20}$/);
    case "ticketCode":
      return fc.oneof(alnum(10, 30), hostileString.filter((s) => s.trim().length > 0 && s.trim().length <= 40));
    case "stripeEvent":
      return alnum(20, 40).map((s) => `evt_${s}`);
    case "checkoutSession":
      return alnum(20, 40).map((s) => `cs_${s}`);
    case "portalSession":
      return alnum(20, 40).map((s) => `bps_${s}`);
    case "subscription":
      return alnum(20, 40).map((s) => `sub_${s}`);
    case "surveyToken":
      return fc.stringMatching(/^[A-Za-z0-9_-]{43}$/);
  }
}

export type ActionInput = { mode: "wrong-shape" | "hostile-objects" | "missing-required" | "dangling-refs" | "nul-byte"; args: unknown[] };

function asFormData(input: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(input)) form.append(key, typeof value === "string" ? value : JSON.stringify(value) ?? "");
  return form;
}

/** Plain object, FormData, or FormData after a previous state (useActionState's calling shape). */
function encodings(input: Record<string, unknown>): fc.Arbitrary<unknown[]> {
  return fc.constantFrom<unknown[]>([input], [asFormData(input)], [null, asFormData(input)]);
}

/**
 * Malformed calls of one action, given its well-formed sample input: the wrong shape; every field
 * a hostile object; hostile strings everywhere with a required key dropped; a NUL in one field of
 * an otherwise valid input; or valid fields with every reference pointing at nothing.
 */
export function malformedActionInput(sample: Record<string, unknown>, spec: { required: readonly string[]; refs?: Readonly<Record<string, RefKind>> }): fc.Arbitrary<ActionInput> {
  const keys = Object.keys(sample);
  const modes: fc.Arbitrary<ActionInput>[] = [wrongShapeArgs.map((args) => ({ mode: "wrong-shape" as const, args }))];
  if (spec.required.length) {
    modes.push(
      fc
        .tuple(fc.array(hostileObject, { minLength: keys.length, maxLength: keys.length }), fc.dictionary(fc.constantFrom("__proto__", "constructor", "role", "userId", "customerId", "isAdmin"), hostileObject, { maxKeys: 2 }))
        .map(([values, extra]) => ({ mode: "hostile-objects" as const, args: [{ ...Object.fromEntries(keys.map((k, i) => [k, values[i]])), ...extra }] })),
      fc
        .tuple(fc.constantFrom(...spec.required), fc.array(hostileString, { minLength: keys.length, maxLength: keys.length }))
        .chain(([dropped, values]) => {
          const input = Object.fromEntries(keys.filter((k) => k !== dropped).map((k, i) => [k, values[i]]));
          return encodings(input).map((args) => ({ mode: "missing-required" as const, args }));
        }),
    );
  }
  if (keys.length) {
    // Valid in every other respect: a NUL (which Postgres cannot store) hidden in one field.
    modes.push(
      fc.tuple(fc.constantFrom(...keys), fc.constantFrom("\u0000", "a\u0000", "\u0000 OR 1=1")).chain(([key, nul]) => {
        const input = { ...sample, [key]: `${String(sample[key] ?? "")}${nul}` };
        return encodings(input).map((args) => ({ mode: "nul-byte" as const, args }));
      }),
    );
  }
  const refs = Object.entries(spec.refs ?? {});
  if (refs.length) {
    modes.push(
      fc
        .tuple(...refs.map(([, kind]) => danglingRef(kind)))
        .chain((values) => {
          const input = { ...sample, ...Object.fromEntries(refs.map(([key], i) => [key, values[i]])) };
          return fc.constantFrom<unknown[]>([input], [asFormData(input)]).map((args) => ({ mode: "dangling-refs" as const, args }));
        }),
    );
  }
  return fc.oneof(...modes);
}
