import { describe, expect, it } from "vitest";
import { createRng, scaleUuid, seedTag, sequenceCode } from "./random";

describe("scale seed randomness", () => {
  it("repeats a stream for the same seed, stream and index, and differs otherwise", () => {
    const draw = (seed: number, stream: number, index: number) => Array.from({ length: 4 }, createRng(seed, stream, index).next);
    expect(draw(1, 1, 42)).toEqual(draw(1, 1, 42));
    expect(draw(1, 1, 42)).not.toEqual(draw(2, 1, 42));
    expect(draw(1, 1, 42)).not.toEqual(draw(1, 2, 42));
    expect(draw(1, 1, 42)).not.toEqual(draw(1, 1, 43));
  });

  it("makes UUIDs of the right shape that sort by their index", () => {
    const tag = seedTag(7);
    const ids = [0, 1, 255, 4096, 2 ** 40].map((i) => scaleUuid(tag, 5, i));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-0005-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  it("gives distinct codes of the unambiguous alphabet for distinct numbers", () => {
    const codes = Array.from({ length: 20_000 }, (_, n) => sequenceCode(7, 1, n, 8));
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes.slice(0, 100)) expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
  });
});
