import { describe, expect, it } from "vitest";
import { diffAudit, formatAuditValue } from "./audit-diff";

const keys = (before: unknown, after: unknown) => diffAudit(before, after).map((c) => c.key);

describe("diffAudit", () => {
  it("lists only the keys whose values changed", () => {
    const changes = diffAudit({ name: "Plus", priceCents: 900, active: true }, { name: "Plus yearly", priceCents: 900, active: true });
    expect(changes).toEqual([{ key: "name", before: "Plus", after: "Plus yearly", beforeMissing: false, afterMissing: false }]);
  });

  it("flattens nested objects to dotted paths", () => {
    expect(keys({ benefits: { bonusPoints: 1200, minTier: null } }, { benefits: { bonusPoints: 1500, minTier: null } })).toEqual(["benefits.bonusPoints"]);
  });

  it("shows every field of a creation (before null) and of a deletion (after null)", () => {
    expect(diffAudit(null, { role: "admin" })).toEqual([{ key: "role", before: undefined, after: "admin", beforeMissing: true, afterMissing: false }]);
    expect(diffAudit({ role: "admin" }, null)).toEqual([{ key: "role", before: "admin", after: undefined, beforeMissing: false, afterMissing: true }]);
  });

  it("tells a key set to null from a key that is absent", () => {
    expect(diffAudit({ endedAt: null }, {})).toEqual([{ key: "endedAt", before: null, after: undefined, beforeMissing: false, afterMissing: true }]);
    expect(keys({ endedAt: null }, { endedAt: null })).toEqual([]);
  });

  it("compares arrays as whole values", () => {
    expect(keys({ benefits: ["a", "b"] }, { benefits: ["a", "b"] })).toEqual([]);
    expect(diffAudit({ benefits: ["a"] }, { benefits: ["a", "b"] })).toMatchObject([{ key: "benefits", before: ["a"], after: ["a", "b"] }]);
  });

  it("handles values that are not objects", () => {
    expect(diffAudit(3, 4)).toMatchObject([{ key: "value", before: 3, after: 4 }]);
    expect(diffAudit("x", "x")).toEqual([]);
    expect(diffAudit(null, null)).toEqual([]);
    expect(diffAudit({ status: "failed" }, "processed")).toMatchObject([{ key: "value", before: { status: "failed" }, after: "processed" }]);
  });

  it("sorts the keys", () => {
    expect(keys({ b: 1, a: 1, c: 1 }, { b: 2, a: 2, c: 2 })).toEqual(["a", "b", "c"]);
  });
});

describe("formatAuditValue", () => {
  it("shows strings as they are, other values as JSON, and absence as a dash", () => {
    expect(formatAuditValue("active")).toBe("active");
    expect(formatAuditValue(12)).toBe("12");
    expect(formatAuditValue(null)).toBe("null");
    expect(formatAuditValue({ a: [1] })).toBe('{"a":[1]}');
    expect(formatAuditValue(undefined, true)).toBe("—");
  });
});
