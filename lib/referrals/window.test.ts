import { describe, expect, it } from "vitest";
import { chooseTouch, DAY_MS, withinWindow, type Touch } from "./window";

describe("withinWindow", () => {
  const t0 = new Date("2026-01-01T12:00:00Z");
  it.each([
    [0, true],
    [29, true],
    [30, true],
    [31, false],
    [-1, false],
  ])("day %i of 30 → %s", (days, expected) => expect(withinWindow(t0, new Date(t0.getTime() + days * DAY_MS), 30)).toBe(expected));
  it("a 1-day window", () => expect(withinWindow(t0, new Date(t0.getTime() + DAY_MS + 1), 1)).toBe(false));
});

describe("chooseTouch", () => {
  const click: Touch = { kind: "click", clickId: "c1", code: "AAAA" };
  const typed: Touch = { kind: "code", code: "BBBB" };
  it.each([
    ["last", click, typed, typed],
    ["first", click, typed, click],
    ["first", null, typed, typed],
    ["last", click, null, click],
    ["last", null, null, null],
  ] as const)("%s touch", (touch, c, t, expected) => expect(chooseTouch(touch, c, t)).toEqual(expected));
});
