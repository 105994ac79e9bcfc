import { describe, expect, it } from "vitest";
import { EMAIL_MAX_ATTEMPTS, isPermanentFailure, retryDelayMs } from "./retry-schedule";

const MINUTE = 60_000;

describe("retryDelayMs", () => {
  it.each([
    [1, 1 * MINUTE],
    [2, 2 * MINUTE],
    [3, 4 * MINUTE],
    [4, 8 * MINUTE],
    [5, 16 * MINUTE],
    [6, 32 * MINUTE],
    [7, 60 * MINUTE],
  ])("waits after attempt %i: %i ms", (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });

  it("gives up after the last attempt", () => {
    expect(retryDelayMs(EMAIL_MAX_ATTEMPTS)).toBeNull();
    expect(retryDelayMs(EMAIL_MAX_ATTEMPTS + 3)).toBeNull();
  });

  it("refuses a count that is not a positive integer", () => {
    expect(() => retryDelayMs(0)).toThrow(RangeError);
    expect(() => retryDelayMs(1.5)).toThrow(RangeError);
  });
});

describe("isPermanentFailure", () => {
  it.each([
    [422, true],
    [400, true],
    [413, true],
    [401, false],
    [403, false],
    [429, false],
    [408, false],
    [409, false],
    [500, false],
    [503, false],
    [null, false],
    [undefined, false],
  ])("status %s → permanent %s", (status, permanent) => {
    expect(isPermanentFailure(status)).toBe(permanent);
  });
});
