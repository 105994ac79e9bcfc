import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { signInAttempts } from "@/db/schema";
import { SIGN_IN_LIMITS, takeSignInAttempt } from "@/lib/auth/rate-limit";

const at = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000);
const unique = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}@example.com`;

describe("V2.2.1 sign-in email rate limits (anti-automation)", () => {
  it("V2.2.1 allows one email per address per minute", async () => {
    const email = unique("minute");
    const t0 = new Date();
    expect(await takeSignInAttempt(email, "10.0.0.1", t0)).toEqual({ allowed: true });
    expect(await takeSignInAttempt(email, "10.0.0.1", at(t0, 59))).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(await takeSignInAttempt(email, "10.0.0.2", at(t0, 61))).toEqual({ allowed: true });
  });

  it("V2.2.1 allows five per address per 15 minutes", async () => {
    const email = unique("window");
    const t0 = new Date(Date.now() - 14 * 60_000);
    for (let i = 0; i < SIGN_IN_LIMITS.perAddressPer15Minutes; i++) {
      expect(await takeSignInAttempt(email, `10.1.0.${i}`, at(t0, i * 61))).toEqual({ allowed: true });
    }
    const sixth = await takeSignInAttempt(email, "10.1.0.99", at(t0, 6 * 61));
    expect(sixth.allowed).toBe(false);
    // Once the first attempt is older than 15 minutes, one more is allowed.
    expect(await takeSignInAttempt(email, "10.1.0.99", at(t0, 15 * 60 + 1))).toEqual({ allowed: true });
  });

  it("V2.2.1 limits one IP across many addresses", async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;
    const t0 = new Date();
    for (let i = 0; i < SIGN_IN_LIMITS.perIpPer15Minutes; i++) {
      expect((await takeSignInAttempt(unique(`ip${i}`), ip, t0)).allowed).toBe(true);
    }
    expect((await takeSignInAttempt(unique("ip-over"), ip, t0)).allowed).toBe(false);
  });

  it("V2.2.1 lets exactly one of many simultaneous requests for one address through", async () => {
    const email = unique("race");
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => takeSignInAttempt(email, `10.2.0.${i}`)));
    expect(results.filter((r) => r.allowed)).toHaveLength(1);
    const [{ n }] = await db.select({ n: count() }).from(signInAttempts).where(eq(signInAttempts.email, email));
    expect(n).toBe(1);
  });
});
