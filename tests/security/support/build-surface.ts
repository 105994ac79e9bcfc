import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

/**
 * The surface as the build sees it, never a hand-kept list: server actions from the server
 * reference manifest, route handlers from app/**\/route.ts (with the HTTP methods they export),
 * and the proxy's matchers from the functions config manifest.
 */

const root = process.cwd();

export type BuiltAction = {
  /** `lib/<file>.ts#<export>`, the key of surface.ts's ACTIONS. */
  key: string;
  id: string;
  /** The page URL to POST to: the first page that imports it, dynamic segments filled. */
  page: string;
};

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };

/** app/admin/members/[id]/page → /admin/members/x (route groups dropped). */
function pageUrl(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => (s.startsWith("[") ? "x" : s));
  return `/${segments.join("/")}`;
}

export function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestEntry>;
    edge: Record<string, ManifestEntry>;
  };
  return Object.entries({ ...manifest.node, ...manifest.edge }).map(([id, entry]) => {
    if (!entry.filename || !entry.exportedName) throw new Error(`server action ${id} has no filename/exportedName in the manifest: the classification needs them`);
    const workers = Object.keys(entry.workers);
    // A static page is cheapest to post to; any page that imports the action will do.
    const worker = workers.find((w) => !w.includes("[")) ?? workers[0];
    return { key: `${entry.filename}#${entry.exportedName}`, id, page: pageUrl(worker) };
  });
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** `app/…/route.ts` → the HTTP methods it exports (`export const GET`, `export async function POST`, `export { GET }`). */
export function routeHandlers(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const file of walk(path.join(root, "app")).filter((f) => /\/route\.(ts|tsx|js|mjs)$/.test(f))) {
    const source = readFileSync(file, "utf8");
    const methods = METHODS.filter((m) => new RegExp(`export\\s+(const|let|var|async\\s+function|function)\\s+${m}\\b|export\\s*\\{[^}]*\\b${m}\\b[^}]*\\}`).test(source));
    out[path.relative(root, file).split(path.sep).join("/")] = methods;
  }
  return out;
}

/** The proxy's matcher sources, as built. */
export function proxyMatchers(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next", "server", "functions-config-manifest.json"), "utf8")) as {
    functions: Record<string, { matchers?: { originalSource: string }[] }>;
  };
  return (manifest.functions["/_middleware"]?.matchers ?? []).map((m) => m.originalSource);
}
