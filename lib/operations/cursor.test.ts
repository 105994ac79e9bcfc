import { describe, expect, it } from "vitest";
import { compareNewestFirst, decodeCursor, encodeCursor } from "./cursor";

describe("keyset cursors", () => {
  it("round-trip through the URL form", () => {
    const cursor = { micros: "1795459122123456", id: "evt_1AbC" };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it.each([
    ["nothing", undefined],
    ["an empty string", ""],
    ["not base64url", "a+b/c"],
    ["base64 of something else", Buffer.from("hello").toString("base64url")],
    ["a time that is not digits", Buffer.from(JSON.stringify(["12.5", "x"])).toString("base64url")],
    ["an empty id", Buffer.from(JSON.stringify(["12", ""])).toString("base64url")],
    ["a number instead of a string", Buffer.from(JSON.stringify([12, "x"])).toString("base64url")],
  ])("refuse %s", (_name, value) => {
    expect(decodeCursor(value)).toBeNull();
  });

  it("order newest first, then by id descending, exactly past the millisecond", () => {
    const rows = [
      { micros: "1000001", id: "a" },
      { micros: "1000002", id: "a" },
      { micros: "1000001", id: "b" },
      { micros: "999", id: "z" },
    ];
    expect([...rows].sort(compareNewestFirst)).toEqual([
      { micros: "1000002", id: "a" },
      { micros: "1000001", id: "b" },
      { micros: "1000001", id: "a" },
      { micros: "999", id: "z" },
    ]);
  });
});
