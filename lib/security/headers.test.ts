import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./headers";

const byKey = (headers: { key: string; value: string }[]) => Object.fromEntries(headers.map((h) => [h.key, h.value]));

describe("security headers (ASVS V14.4)", () => {
  it("V14.4.4 V14.4.6 V14.4.7 locks framing, sniffing and the referrer in every mode", () => {
    const headers = byKey(securityHeaders({ dev: false, https: false }));
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["Content-Security-Policy"]).toContain("object-src 'none'");
    expect(headers["Strict-Transport-Security"]).toBeUndefined();
  });

  it("V14.4.5 adds HSTS and upgrade-insecure-requests only over https", () => {
    const headers = byKey(securityHeaders({ dev: false, https: true }));
    expect(headers["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}; includeSubDomains/);
    expect(headers["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });

  it("V14.4.3 allows eval only in development and posts forms only here or to Stripe's hosted pages", () => {
    expect(contentSecurityPolicy({ dev: false, https: true })).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy({ dev: true, https: false })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ dev: false, https: true })).toMatch(/form-action 'self' https:\/\/checkout\.stripe\.com https:\/\/billing\.stripe\.com(;|$)/);
  });
});
