import { describe, expect, it } from "vitest";
import { catalogFilterSchema } from "@/lib/rewards/catalog";
import { publicPathname, VISITOR_PAGES, visitorRewrites } from "./visitor-pages";

describe("visitor pages (decision 0012)", () => {
  it("rewrites a public page to its static copy only without a session cookie and without the query it reads", () => {
    const rewrites = visitorRewrites();
    expect(rewrites.map((r) => [r.source, r.destination])).toEqual([
      ["/", "/visitor/home"],
      ["/pricing", "/visitor/pricing"],
      ["/rewards", "/visitor/rewards"],
    ]);
    for (const rewrite of rewrites) {
      const cookies = rewrite.missing.filter((m) => m.type === "cookie").map((m) => m.key);
      expect(cookies).toEqual(["authjs.session-token", "__Secure-authjs.session-token"]);
    }
    const pricing = rewrites.find((r) => r.source === "/pricing")!;
    expect(pricing.missing.filter((m) => m.type === "query").map((m) => m.key)).toEqual(["ref", "checkout"]);
  });

  it("sends every catalog filter to the per-request page (a new filter cannot be ignored by the static copy)", () => {
    expect([...VISITOR_PAGES["/rewards"].query].sort()).toEqual(Object.keys(catalogFilterSchema.shape).sort());
  });

  it("gives a static copy its public path, so the nav marks the same page on the server and in the browser", () => {
    expect(publicPathname("/visitor/home")).toBe("/");
    expect(publicPathname("/visitor/pricing")).toBe("/pricing");
    expect(publicPathname("/visitor/rewards")).toBe("/rewards");
    expect(publicPathname("/pricing")).toBe("/pricing");
    expect(publicPathname("/rewards/kayak")).toBe("/rewards/kayak");
  });
});
