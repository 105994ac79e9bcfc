/**
 * The public pages a visitor is served from a static copy (decision 0012). A request for one of
 * them without a session cookie and without the query the page reads is rewritten (next.config.ts)
 * to `/visitor/<view>`, rendered once and revalidated; everyone else gets the page itself, rendered
 * per request with their session. Pure data: read by next.config.ts, the pages and the nav links.
 */

export const VISITOR_PREFIX = "/visitor";

export const VISITOR_PAGES = {
  "/": { view: "home", query: [] },
  // ?ref= shows the inviting friend's offer; ?checkout=canceled the way back from checkout
  "/pricing": { view: "pricing", query: ["ref", "checkout"] },
  // the catalog's filters (lib/rewards/catalog.ts catalogFilterSchema)
  "/rewards": { view: "rewards", query: ["kind", "affordable", "tier"] },
} as const satisfies Record<string, { view: string; query: readonly string[] }>;

export type VisitorView = (typeof VISITOR_PAGES)[keyof typeof VISITOR_PAGES]["view"];

export const VISITOR_VIEWS = Object.values(VISITOR_PAGES).map((page) => page.view) as VisitorView[];

/** Auth.js's database-session cookie (`__Secure-` over https). Its presence, not its validity, sends a request to the per-request page. */
export const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"] as const;

type Condition = { type: "cookie" | "query"; key: string };
export type VisitorRewrite = { source: string; destination: string; missing: Condition[] };

/** next.config.ts `rewrites().beforeFiles`: matched by the router itself, before any page or proxy code runs. */
export function visitorRewrites(): VisitorRewrite[] {
  return Object.entries(VISITOR_PAGES).map(([source, page]) => ({
    source,
    destination: `${VISITOR_PREFIX}/${page.view}`,
    missing: [...SESSION_COOKIES.map((key): Condition => ({ type: "cookie", key })), ...page.query.map((key): Condition => ({ type: "query", key }))],
  }));
}

const publicPathOf = new Map<string, string>(Object.entries(VISITOR_PAGES).map(([path, page]) => [`${VISITOR_PREFIX}/${page.view}`, path]));

/**
 * The address a visitor sees for `pathname`. A static copy is rendered at `/visitor/<view>` but
 * shown at its public path, so anything that derives state from the path (the nav's current page)
 * must render the same on the server and in the browser.
 */
export function publicPathname(pathname: string): string {
  return publicPathOf.get(pathname) ?? pathname;
}
