import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { verificationTokens } from "@/db/schema";
import { confirmUrl, magicLinkState, safeCallbackPath } from "@/lib/auth/magic-link";
import { getEnv } from "@/lib/env";

async function storeToken(email: string, token: string, expires: Date) {
  // Stored the way Auth.js stores it: sha256(token + secret).
  const hashed = createHash("sha256").update(`${token}${getEnv().AUTH_SECRET}`).digest("hex");
  await db.insert(verificationTokens).values({ identifier: email, token: hashed, expires });
}

const token = () => createHash("sha256").update(crypto.randomUUID()).digest("hex");

describe("magic links", () => {
  it("V2.7.3 reads a live token as valid without consuming it (a GET of the link has no side effect)", async () => {
    const t = token();
    await storeToken("live@example.com", t, new Date(Date.now() + 60_000));
    expect(await magicLinkState("live@example.com", t)).toBe("valid");
    expect(await magicLinkState("LIVE@example.com", t)).toBe("valid");
    expect(await magicLinkState("live@example.com", t)).toBe("valid");
  });

  it("V2.7.3 reads expired, unknown, other-address and malformed tokens as invalid", async () => {
    const t = token();
    await storeToken("old@example.com", t, new Date(Date.now() - 1000));
    expect(await magicLinkState("old@example.com", t)).toBe("invalid");
    expect(await magicLinkState("old@example.com", token())).toBe("invalid");
    const u = token();
    await storeToken("owner@example.com", u, new Date(Date.now() + 60_000));
    expect(await magicLinkState("someone-else@example.com", u)).toBe("invalid");
    expect(await magicLinkState("owner@example.com", "not-hex")).toBe("invalid");
    // A NUL (which Postgres cannot compare) is an invalid link, not an error page.
    expect(await magicLinkState("owner\u0000@example.com", u)).toBe("invalid");
  });

  it("WSTG-INPV-17 builds the emailed URL on the configured origin (never the Host header), pointing at the confirmation page", () => {
    const url = new URL(confirmUrl({ callbackUrl: "/rewards?kind=experience", token: "abc", email: "a@b.co" }));
    expect(url.origin).toBe(getEnv().APP_URL);
    expect(url.pathname).toBe("/sign-in/confirm");
    expect(url.searchParams.get("callbackUrl")).toBe("/rewards?kind=experience");
  });

  it.each([
    [undefined, "/dashboard"],
    ["/admin", "/admin"],
    ["https://evil.example/steal", "/dashboard"],
    ["//evil.example/steal", "/dashboard"],
    ["/sign-in?x=1", "/dashboard"],
    ["/api/auth/signout", "/dashboard"],
  ])("V5.1.5 keeps the callback %s on this site (%s)", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
