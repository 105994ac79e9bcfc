import loadCustomRoutes from "next/dist/lib/load-custom-routes";
import { getRedirectStatus } from "next/dist/lib/redirect-status";
import { buildCustomRoute } from "next/dist/server/lib/router-utils/filesystem";
import { prepareDestination } from "next/dist/shared/lib/router/utils/prepare-destination";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";

/**
 * The redirects as `next start` answers them: next.config's rules loaded, compiled and applied by
 * Next's own router functions (the steps of server/lib/router-utils/resolve-routes.ts), first match
 * wins — Next's internal trailing-slash rule included. The e2e tests ask the built server too.
 */
async function redirectOf(url: string): Promise<{ status: number; location: string } | null> {
  const { redirects } = await loadCustomRoutes({ ...nextConfig, basePath: "", trailingSlash: false });
  const parsed = new URL(url, "http://localhost");
  const query = Object.fromEntries(parsed.searchParams);
  for (const route of redirects.map((r) => buildCustomRoute("redirect", r, "", false))) {
    const params = route.match(parsed.pathname);
    if (!params) continue;
    const { parsedDestination } = prepareDestination({ appendParamsToQuery: false, destination: route.destination, params, query });
    const search = new URLSearchParams(parsedDestination.query as Record<string, string>).toString();
    return { status: getRedirectStatus(route), location: `${parsedDestination.pathname}${search ? `?${search}` : ""}` };
  }
  return null;
}

describe("/r/<code> redirects (next.config.ts, answered by Next's router)", () => {
  it.each([
    ["/r/MORGAN", "/pricing?ref=MORGAN"],
    // lower case as typed: the landing upper-cases it (normalizeCode)
    ["/r/morgan", "/pricing?ref=morgan"],
    ["/r/Jane-Doe", "/pricing?ref=Jane-Doe"],
    ["/r/abc", "/pricing?ref=abc"],
    [`/r/${"A".repeat(20)}`, `/pricing?ref=${"A".repeat(20)}`],
    // the link's own query is carried along; its ref never overrides the code in the path
    ["/r/MORGAN?utm_source=mail", "/pricing?utm_source=mail&ref=MORGAN"],
    ["/r/MORGAN?ref=SOMEONE-ELSE", "/pricing?ref=MORGAN"],
  ])("a well-formed code: %s → 303 %s", async (url, location) => {
    expect(await redirectOf(url)).toEqual({ status: 303, location });
  });

  it.each([
    ["/r"],
    ["/r/ab"],
    [`/r/${"A".repeat(21)}`],
    ["/r/not_a_code"],
    ["/r/MOR%20GAN"],
    ["/r/%E2%9C%93%E2%9C%93%E2%9C%93"],
    ["/r/MORGAN/extra"],
    ["/r/MORGAN/extra/more"],
  ])("anything else under /r: %s → 303 home", async (url) => {
    expect(await redirectOf(url)).toEqual({ status: 303, location: "/" });
  });

  it("a trailing slash is dropped first (Next's own 308), then the code is redirected", async () => {
    expect(await redirectOf("/r/MORGAN/")).toEqual({ status: 308, location: "/r/MORGAN" });
  });

  it.each([["/referrals"], ["/rewards"], ["/pricing?ref=MORGAN"], ["/"]])("leaves %s alone", async (url) => {
    expect(await redirectOf(url)).toBeNull();
  });
});
