import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Request signing for the order API: HMAC-SHA256 over `${timestamp}.${rawBody}` keyed with the
 * integration's secret, sent as `Cairn-Signature: v1=<hex>` beside `Cairn-Timestamp` (Unix seconds)
 * and `Cairn-Integration` (the integration id). Pure functions, shared by the server, the docs'
 * examples and the tests.
 *
 * Cairn stores only the SHA-256 of a secret, yet verifies HMACs made with the secret itself: HMAC
 * (RFC 2104) hashes any key longer than the hash's 64-byte block first, so for the 73-character
 * secrets generated here HMAC(secret, m) = HMAC(sha256(secret), m). Shops use any stock HMAC
 * library with the secret; the database never holds the string that was shown to the admin.
 */

export const SIGNATURE_HEADER = "Cairn-Signature";
export const TIMESTAMP_HEADER = "Cairn-Timestamp";
export const INTEGRATION_HEADER = "Cairn-Integration";
/** A signed request older or newer than this is refused (replay protection). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const SECRET_PREFIX = "cairn_sk_";
/** 48 random bytes → 64 base64url characters: with the prefix the secret is 73 bytes, over HMAC's 64-byte block. */
const SECRET_BYTES = 48;
const HMAC_BLOCK_BYTES = 64;

export function generateIntegrationSecret(): string {
  const secret = `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString("base64url")}`;
  // The stored hash only verifies signatures if HMAC hashes the key itself (see above).
  if (Buffer.byteLength(secret) <= HMAC_BLOCK_BYTES) throw new Error("An integration secret must be longer than 64 bytes");
  return secret;
}

/** What the database keeps: the secret's SHA-256, hex. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The first characters, so admins can tell secrets apart without seeing them. */
export function secretPrefix(secret: string): string {
  return secret.slice(0, SECRET_PREFIX.length + 6);
}

/** Hex HMAC-SHA256 of `${timestamp}.${body}`; `key` is the secret, or its SHA-256 bytes (same result). */
export function computeSignature(key: string | Buffer, timestamp: number | string, body: string): string {
  return createHmac("sha256", key).update(`${timestamp}.${body}`).digest("hex");
}

/** The headers a client sends: what the docs' Node example does. */
export function signRequest(secret: string, integrationId: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    [INTEGRATION_HEADER]: integrationId,
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: `v1=${computeSignature(secret, timestamp, body)}`,
  };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: "timestamp" | "signature" };

/**
 * Checks a request's timestamp (±300 s of `now`) and signature against the stored secret hash, in
 * constant time. The header may carry several `v1=` values (comma-separated) while a shop rotates.
 */
export function verifySignature(args: { secretHash: string; timestamp: string; signature: string; body: string; nowSeconds?: number }): SignatureCheck {
  if (!isFresh(args.timestamp, args.nowSeconds)) return { ok: false, reason: "timestamp" };
  const expected = Buffer.from(computeSignature(Buffer.from(args.secretHash, "hex"), args.timestamp, args.body), "hex");
  const candidates = args.signature
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.startsWith("v1="))
    .map((part) => part.slice(3));
  let match = false;
  for (const hex of candidates) {
    if (!/^[0-9a-f]{64}$/i.test(hex)) continue;
    // every candidate is compared, so the time taken does not tell which one matched
    if (timingSafeEqual(Buffer.from(hex, "hex"), expected)) match = true;
  }
  return match ? { ok: true } : { ok: false, reason: "signature" };
}

export function isFresh(timestamp: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowSeconds - Number(timestamp)) <= SIGNATURE_TOLERANCE_SECONDS;
}
