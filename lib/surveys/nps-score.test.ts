import { describe, expect, it } from "vitest";
import { countScores, formatNps, npsCategory, npsOf } from "./nps-score";

describe("npsCategory", () => {
  it.each([
    [0, "detractor"],
    [6, "detractor"],
    [7, "passive"],
    [8, "passive"],
    [9, "promoter"],
    [10, "promoter"],
  ] as const)("%i is a %s", (score, category) => {
    expect(npsCategory(score)).toBe(category);
  });
});

describe("npsOf", () => {
  it.each([
    // responses, promoters, passives, detractors → nps (worked by hand)
    [{ responses: 0, promoters: 0, passives: 0, detractors: 0 }, null],
    [{ responses: 4, promoters: 4, passives: 0, detractors: 0 }, 100],
    [{ responses: 3, promoters: 0, passives: 0, detractors: 3 }, -100],
    [{ responses: 10, promoters: 5, passives: 3, detractors: 2 }, 30],
    // 2/6 − 1/6 = 16.67 % → 17
    [{ responses: 6, promoters: 2, passives: 3, detractors: 1 }, 17],
    // 1/3 − 2/3 = −33.3 % → −33
    [{ responses: 3, promoters: 1, passives: 0, detractors: 2 }, -33],
    // all passives: 0, never −0
    [{ responses: 2, promoters: 0, passives: 2, detractors: 0 }, 0],
  ])("%o → %s", (counts, nps) => {
    expect(npsOf(counts)).toBe(nps);
  });
});

describe("countScores", () => {
  it("counts each band", () => {
    expect(countScores([10, 9, 8, 7, 6, 0, 3])).toEqual({ responses: 7, promoters: 2, passives: 2, detractors: 3 });
  });
});

describe("formatNps", () => {
  it.each([
    [null, "—"],
    [42, "+42"],
    [0, "0"],
    [-8, "−8"],
  ])("%s → %s", (nps, text) => {
    expect(formatNps(nps)).toBe(text);
  });
});
