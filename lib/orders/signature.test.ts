import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeSignature, generateIntegrationSecret, hashSecret, isFresh, secretPrefix, signRequest, verifySignature } from "./signature";

const secret = generateIntegrationSecret();
const secretHash = hashSecret(secret);
const body = JSON.stringify({ externalId: "1001", email: "ada@example.com", totalCents: 4200 });
const now = 1_780_000_000;
const header = (ts: number, b = body, s = secret) => `v1=${computeSignature(s, ts, b)}`;

describe("integration secrets", () => {
  it("look like cairn_sk_… with 48 random bytes, and differ every time", () => {
    expect(secret).toMatch(/^cairn_sk_[A-Za-z0-9_-]{64}$/);
    expect(generateIntegrationSecret()).not.toBe(secret);
    expect(secretPrefix(secret)).toBe(secret.slice(0, 15));
    expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("sign the same with the secret as with its stored hash (HMAC hashes keys over 64 bytes)", () => {
    for (let i = 0; i < 20; i++) {
      const s = generateIntegrationSecret();
      expect(computeSignature(Buffer.from(hashSecret(s), "hex"), now, body)).toBe(createHmac("sha256", s).update(`${now}.${body}`).digest("hex"));
    }
  });
});

describe("verifySignature", () => {
  it.each([
    ["a correct signature", header(now), String(now), body, true],
    ["a correct one among rotated values", `v1=${"0".repeat(64)}, ${header(now)}`, String(now), body, true],
    ["a timestamp 300 s old", header(now - 300), String(now - 300), body, true],
    ["a timestamp 300 s ahead", header(now + 300), String(now + 300), body, true],
    ["a timestamp 301 s old", header(now - 301), String(now - 301), body, false],
    ["a timestamp 301 s ahead", header(now + 301), String(now + 301), body, false],
    ["another secret", header(now, body, generateIntegrationSecret()), String(now), body, false],
    ["a tampered body", header(now), String(now), body.replace("4200", "42000"), false],
    ["a signature for another timestamp", header(now - 1), String(now), body, false],
    ["no v1 scheme", computeSignature(secret, now, body), String(now), body, false],
    ["a truncated signature", header(now).slice(0, 40), String(now), body, false],
    ["a non-numeric timestamp", header(now), `${now}.0`, body, false],
  ])("%s → %s", (_name, signature, timestamp, signedBody, ok) => {
    expect(verifySignature({ secretHash, signature, timestamp, body: signedBody, nowSeconds: now }).ok).toBe(ok);
  });

  it("says whether the timestamp or the signature failed", () => {
    expect(verifySignature({ secretHash, signature: header(now - 301), timestamp: String(now - 301), body, nowSeconds: now })).toEqual({ ok: false, reason: "timestamp" });
    expect(verifySignature({ secretHash, signature: header(now, "{}"), timestamp: String(now), body, nowSeconds: now })).toEqual({ ok: false, reason: "signature" });
  });

  it("accepts the headers signRequest makes", () => {
    const headers = signRequest(secret, "integration-id", body, now);
    expect(headers["Cairn-Integration"]).toBe("integration-id");
    expect(verifySignature({ secretHash, signature: headers["Cairn-Signature"], timestamp: headers["Cairn-Timestamp"], body, nowSeconds: now }).ok).toBe(true);
  });

  it("treats only whole Unix seconds as timestamps", () => {
    expect(isFresh(String(now), now)).toBe(true);
    expect(isFresh("", now)).toBe(false);
    expect(isFresh("-5", now)).toBe(false);
    expect(isFresh(new Date(now * 1000).toISOString(), now)).toBe(false);
  });
});
