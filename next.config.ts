import type { NextConfig } from "next";
import { referralLinkRedirects } from "./lib/referrals/link-redirects";
import { securityHeaders } from "./lib/security/headers";
import { visitorRewrites } from "./lib/site/visitor-pages";

// Read when the build runs: a deployment built for an https APP_URL gets HSTS and upgrade-insecure-requests.
const https = (process.env.APP_URL ?? "").startsWith("https://");
const dev = process.env.NODE_ENV === "development";

const nextConfig: NextConfig = {
  // PGlite ships a WASM Postgres and loads its own files at runtime: it must not be bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  // Decision record: docs/decisions/0003-cache-components.md
  cacheComponents: false,
  poweredByHeader: false,
  // decision 0012 addendum: no body-hashed ETags. Next hashes every static response's whole body in JS
  // (fnv1a, ~0.2 ms for a 62 KB page) to answer the rare If-None-Match; only the visitor copies are static.
  generateEtags: false,
  // decision 0010: CSP without nonces (static pages stay static), frame-ancestors, nosniff, referrer policy;
  // no value contains ':' (Next would compile it as a template on every request)
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders({ dev, https }) }];
  },
  // decision 0016: /r/<code> redirects in Next's router; the click and cookie are taken on the landing (proxy.ts)
  async redirects() {
    return referralLinkRedirects;
  },
  // decision 0012: a visitor's /, /pricing and /rewards (no session cookie, no query the page reads)
  // are served from static copies; matched here, before any page or proxy code runs.
  async rewrites() {
    return { beforeFiles: visitorRewrites(), afterFiles: [], fallback: [] };
  },
  typedRoutes: false,
  // forbidden() renders app/forbidden.tsx with a 403 for members who reach admin pages
  experimental: {
    authInterrupts: true,
    // reward images are uploaded through a server action (validated to 2 MB in lib/rewards/images.ts)
    serverActions: { bodySizeLimit: "3mb" },
  },
};

export default nextConfig;
