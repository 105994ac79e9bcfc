import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./headers";

const byKey = (headers: { key: string; value: string }[]) => Object.fromEntries(headers.map((h) => [h.key, h.value]));
const directives = (policy: string) => Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

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

  // Next compiles a `headers()` value that contains ':' as a path-to-regexp template on every
  // request (prepare-destination's compileNonPath): ~25 % of a static file's throughput (decision 0010).
  it.each([false, true])("has no ':' in any production value (https: %s)", (https) => {
    for (const { key, value } of securityHeaders({ dev: false, https })) expect(value, key).not.toContain(":");
  });

  it("V14.4.3 allows eval and websockets only in development and posts forms only here or to Stripe's hosted pages", () => {
    expect(contentSecurityPolicy({ dev: false, https: true })).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy({ dev: true, https: false })).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy({ dev: true, https: false }))["connect-src"]).toEqual(["'self'", "ws:"]);
    expect(directives(contentSecurityPolicy({ dev: false, https: true }))["connect-src"]).toEqual(["'self'"]);
    // scheme-less hosts: on an https page they match https only (CSP3 scheme-part match)
    expect(directives(contentSecurityPolicy({ dev: false, https: true }))["form-action"]).toEqual(["'self'", "checkout.stripe.com", "billing.stripe.com"]);
  });

  it("lets images load from any http(s) host (an admin's linked logo or reward image), never data: or blob:", () => {
    // CSP3: `*` matches any URL whose scheme is http(s) — so https://cdn.example.com/logo.png — and
    // no other scheme; upgrade-insecure-requests turns an http image into https on an https site.
    expect(directives(contentSecurityPolicy({ dev: false, https: true }))["img-src"]).toEqual(["*"]);
    expect(directives(contentSecurityPolicy({ dev: true, https: false }))["img-src"]).toEqual(["*"]);
  });
});
