import type { NextConfig } from "next";
import { CODE_PATTERN } from "./code-format";

type Redirect = Awaited<ReturnType<NonNullable<NextConfig["redirects"]>>>[number];

/**
 * `/r/<code>`, the shared referral link, is a next.config redirect (decision 0016): Next's router
 * answers it before any of our code runs, at the speed of a static file. The visit is recorded where
 * the link lands, `/pricing?ref=<code>` (proxy.ts, lib/referrals/link.ts). 303: the next request is a
 * GET, and nothing caches it (a code unknown today may be chosen as a vanity code tomorrow).
 */
export const referralLinkRedirects: Redirect[] = [
  // A well-formed code in any case (normalizeCode's shape; Next matches sources case-insensitively and
  // the landing upper-cases it). Next carries the link's own query along (utm_…); this ref wins.
  { source: `/r/:code(${CODE_PATTERN})`, destination: "/pricing?ref=:code", statusCode: 303 },
  // Anything else under /r — no code, a malformed or overlong one, extra segments: home.
  { source: "/r/:rest*", destination: "/", statusCode: 303 },
];
