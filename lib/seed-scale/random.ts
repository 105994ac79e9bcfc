/**
 * Deterministic randomness for the scale seed. Every member, shopper and block draws from its own
 * stream, keyed by (seed, stream, index), so a batch can be generated without the ones before it
 * and the same seed always gives the same program. sfc32 has 128 bits of state, seeded from four
 * independent 32-bit hashes: two entities sharing a stream is out of reach even at millions.
 */

/** A 32-bit avalanche hash of a few integers (murmur3's finaliser over a running mix). */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    // split values past 32 bits so indexes up to 2^53 hash fully
    for (const word of [part >>> 0, Math.floor(part / 0x1_0000_0000) >>> 0]) {
      h = Math.imul(h ^ word, 0x85ebca6b);
      h = (h << 13) | (h >>> 19);
      h = Math.imul(h, 0xc2b2ae35) ^ 0x27d4eb2f;
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  /** Exponential with this mean. */
  exp(mean: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Failures before the first success, success probability p (mean (1−p)/p). */
  geometric(p: number): number;
  /** Poisson with a small mean (Knuth). */
  poisson(mean: number): number;
  /** An index into `weights`, chosen in proportion to them. */
  weighted(weights: readonly number[]): number;
  pick<T>(items: readonly T[]): T;
  /** 32 random bits as 8 hex digits. */
  hex8(): string;
};

export function createRng(seed: number, stream: number, index: number): Rng {
  let a = hash32(seed, stream, index, 1);
  let b = hash32(seed, stream, index, 2);
  let c = hash32(seed, stream, index, 3);
  let d = hash32(seed, stream, index, 4);
  const u32 = () => {
    // sfc32 (Chris Doty-Humphrey's small fast counting generator)
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  const next = () => u32() / 0x1_0000_0000;
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    exp: (mean) => -Math.log(1 - next()) * mean,
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    geometric: (p) => Math.floor(Math.log(1 - next()) / Math.log(1 - p)),
    poisson: (mean) => {
      const limit = Math.exp(-mean);
      let k = 0;
      let product = next();
      while (product > limit && k < 1000) {
        k++;
        product *= next();
      }
      return k;
    },
    weighted: (weights) => {
      const total = weights.reduce((sum, w) => sum + w, 0);
      let x = next() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= weights[i];
        if (x < 0) return i;
      }
      return weights.length - 1;
    },
    pick: (items) => items[Math.floor(next() * items.length)],
    hex8: () => u32().toString(16).padStart(8, "0"),
  };
  return rng;
}

/**
 * A deterministic UUID that cannot collide: the seed's hash, the entity kind and a counter, laid out
 * as a version-4 UUID (version nibble 4, variant 8). Not random-looking, and it need not be.
 */
export function scaleUuid(seedTag: string, kind: number, index: number): string {
  const hex = index.toString(16).padStart(18, "0");
  return `${seedTag}-${kind.toString(16).padStart(4, "0")}-4${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${hex.slice(6)}`;
}

/** 8 hex digits standing for the seed in UUIDs. */
export const seedTag = (seed: number) => hash32(seed, 0x5eed).toString(16).padStart(8, "0");

const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/**
 * The n-th code of a sequence, `length` characters of the unambiguous alphabet, unique for every n
 * below 31^length: n is multiplied by a constant coprime to 31 and offset by the seed, modulo 31^length.
 */
export function sequenceCode(seed: number, salt: number, n: number, length: number): string {
  const space = 31n ** BigInt(length);
  let value = (BigInt(n) * 0x2545f4914f6cdd1dn + BigInt(hash32(seed, salt)) * 0x9e3779b1n) % space;
  let code = "";
  for (let i = 0; i < length; i++) {
    code = CODE_ALPHABET[Number(value % 31n)] + code;
    value /= 31n;
  }
  return code;
}
