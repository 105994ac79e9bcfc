/**
 * The security headers every response carries (next.config.ts `headers()`; decision 0010).
 *
 * The CSP has no nonce on purpose: a nonce makes every page dynamic, and the public pages are meant
 * to be served static (issue: performance budgets). Next's inline bootstrap scripts therefore need
 * 'unsafe-inline' in script-src; everything else is locked to this origin. Checkout and the billing
 * portal are full-page redirects to Stripe, allowed in form-action (Chrome applies it to the redirect
 * after a form post). HSTS and upgrade-insecure-requests only when the app is served over https.
 *
 * No production value contains ':': Next treats a `headers()` value with a ':' as a path-to-regexp
 * template and compiles it on every request (prepare-destination's compileNonPath), which cost a
 * static file a quarter of its throughput (decision 0010). Development alone keeps 'unsafe-eval'
 * and `ws:` for hot reload; its speed has no budget.
 */

type Header = { key: string; value: string };

/**
 * Stripe's hosted Checkout and Billing Portal, without a scheme (no ':'). CSP3's scheme-part match
 * gives a scheme-less host-source the page's scheme or its secure upgrade: on an https site these
 * match https only; on a local http run, http or https.
 */
export const STRIPE_HOSTED_HOSTS = ["checkout.stripe.com", "billing.stripe.com"];

export function contentSecurityPolicy({ dev, https }: { dev: boolean; https: boolean }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    // `*` matches http(s) URLs only (CSP3), never data: or blob: (nothing uses them; QR codes are
    // inline SVG). An admin's linked logo or reward image may be on any https host, chosen at run time.
    "img-src": ["*"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(dev ? ["ws:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", ...STRIPE_HOSTED_HOSTS],
    "frame-ancestors": ["'none'"],
  };
  const policy = Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`);
  if (https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

export function securityHeaders({ dev, https }: { dev: boolean; https: boolean }): Header[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy({ dev, https }) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // frame-ancestors covers modern browsers; X-Frame-Options the rest
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=(), usb=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ...(https ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" }] : []),
  ];
}
