import { describe, expect, it } from "vitest";
import { adjustmentMemo, adjustPointsSchema, decodeCursor, decodeTimelineCursor, grantCompSchema, memberSearchSchema, parseJoinedRange } from "./schemas";

const KEY = "5b0f0c7e-8a3c-4a57-9a8e-0e6b8d7f1a2b";

describe("members search query", () => {
  it("keeps what it can read and drops the rest", () => {
    expect(memberSearchSchema.parse({})).toEqual({ q: "", who: "members", plan: "", tier: "", status: "", from: "", to: "", after: undefined, before: undefined });
    expect(memberSearchSchema.parse({ q: "  Ana ", who: "customers", plan: "plus_monthly", tier: "gold", status: "past_due" })).toMatchObject({
      q: "Ana",
      who: "customers",
      plan: "plus_monthly",
      tier: "gold",
      status: "past_due",
    });
    expect(memberSearchSchema.parse({ who: "robots", plan: "DROP TABLE", status: "gone", q: ["first", "second"] })).toMatchObject({ who: "members", plan: "", status: "", q: "first" });
    expect(memberSearchSchema.parse({ after: "2026-01-31T09:15:02.123456Z~abc-123" }).after).toBe("2026-01-31T09:15:02.123456Z~abc-123");
    // a cursor rounded to milliseconds (or anything else) is refused rather than mis-read
    expect(memberSearchSchema.parse({ after: "2026-01-31T09:15:02.123Z~abc" }).after).toBeUndefined();
    expect(memberSearchSchema.parse({ before: "'; select 1" }).before).toBeUndefined();
  });

  it("splits cursors back into their parts", () => {
    expect(decodeCursor("2026-01-31T09:15:02.123456Z~5b0f0c7e-8a3c")).toEqual({ at: "2026-01-31T09:15:02.123456Z", id: "5b0f0c7e-8a3c" });
    expect(decodeTimelineCursor("2026-01-31T09:15:02.123456Z~posting~42")).toEqual({ at: "2026-01-31T09:15:02.123456Z", source: "posting", id: "42" });
  });

  it.each([
    ["", "", { ok: true, range: { from: null, toExclusive: null } }],
    ["2026-01-01", "", { ok: true, range: { from: new Date("2026-01-01T00:00:00Z"), toExclusive: null } }],
    ["", "2026-01-31", { ok: true, range: { from: null, toExclusive: new Date("2026-02-01T00:00:00Z") } }],
    ["2026-01-31", "2026-01-31", { ok: true, range: { from: new Date("2026-01-31T00:00:00Z"), toExclusive: new Date("2026-02-01T00:00:00Z") } }],
    ["2026-02-01", "2026-01-31", { ok: false, fieldErrors: { from: ["The start date is after the end date."] } }],
    ["2026-02-30", "", { ok: false, fieldErrors: { from: ["Use a real date, like 2026-01-31."] } }],
    ["", "31/01/2026", { ok: false, fieldErrors: { to: ["Use a real date, like 2026-01-31."] } }],
  ])("reads joined %j to %j", (from, to, expected) => {
    expect(parseJoinedRange(from, to)).toEqual(expected);
  });
});

describe("adjustment form", () => {
  const parse = (over: Record<string, unknown>) => adjustPointsSchema.safeParse({ customerId: KEY, points: "250", reasonCode: "goodwill", note: "Thanks for waiting", idempotencyKey: KEY, ...over });

  it("takes signed whole points and a trimmed note", () => {
    expect(parse({ points: "-120", note: "  Duplicate order  " })).toMatchObject({ success: true, data: { points: -120, note: "Duplicate order" } });
    expect(parse({ points: "1000000" }).success).toBe(true);
  });

  it.each([
    [{ points: "" }, "points", "Enter the points: positive to add, negative to take away."],
    [{ points: "0" }, "points", "Enter a number other than 0."],
    [{ points: "1.5" }, "points", "Use whole points, like 250 or -120."],
    [{ points: "-1000001" }, "points", "At most 1,000,000 points at a time."],
    [{ reasonCode: "" }, "reasonCode", "Choose a reason."],
    [{ note: "ok" }, "note", "Write a short note for the member (at least 3 characters)."],
    [{ note: "x".repeat(201) }, "note", "Keep the note under 200 characters."],
    [{ idempotencyKey: "1" }, "idempotencyKey", "Reload the page and try again."],
  ])("refuses %o on %s", (over, field, message) => {
    const result = parse(over);
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });

  it("words the memo the member reads", () => {
    expect(adjustmentMemo("  Sorry about the wait ")).toBe("Adjustment by the Cairn team: Sorry about the wait");
    expect(adjustmentMemo("Welcome back", "Trailhead Rewards")).toBe("Adjustment by the Trailhead Rewards team: Welcome back");
  });
});

describe("complimentary membership form", () => {
  it("reads the last day as the end of that day, UTC", () => {
    expect(grantCompSchema.parse({ userId: "u1", planId: "plus_annual", until: "2026-12-31", reason: "Ambassador" }).until).toEqual(new Date("2026-12-31T23:59:59.999Z"));
  });

  it.each([
    [{ until: "" }, "until"],
    [{ until: "2026-02-29" }, "until"],
    [{ planId: "" }, "planId"],
    [{ reason: "  " }, "reason"],
  ])("refuses %o", (over, field) => {
    const result = grantCompSchema.safeParse({ userId: "u1", planId: "plus_annual", until: "2026-12-31", reason: "Ambassador", ...over });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path[0]).toBe(field);
  });
});
