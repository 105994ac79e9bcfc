import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app");

/**
 * Every page of the app, read from the file system as Next does: each app/**\/page.tsx is a route
 * pattern such as "/admin/members/[id]". Private folders (_x) are not routes; route groups ((x))
 * and parallel-route slots (@x) add no segment to the address, so a slot's page is part of the
 * route at its address, not one of its own (app/@header/visitor/[view] renders with app/visitor/[view]).
 */
export function appRoutes(appDir = APP_DIR): string[] {
  const routes: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_")) continue;
        const silent = /^\(.*\)$/.test(entry.name) || entry.name.startsWith("@");
        walk(path.join(dir, entry.name), silent ? segments : [...segments, entry.name]);
      } else if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) {
        routes.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(appDir, []);
  return [...new Set(routes)].sort();
}

/** A route pattern as a pathname test: [x] is one segment, [...x] one or more, [[...x]] none or more. */
export function routeMatcher(route: string): RegExp {
  const source = route
    .split("/")
    .map((segment) => {
      if (/^\[\[\.\.\..+\]\]$/.test(segment)) return "(?:/[^/]+)*";
      if (/^\[\.\.\..+\]$/.test(segment)) return "(?:/[^/]+)+";
      if (/^\[.+\]$/.test(segment)) return "/[^/]+";
      return segment ? `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}` : "";
    })
    .join("");
  return new RegExp(`^${source || "/"}$`);
}
