import path from "node:path";
import { fileURLToPath } from "node:url";

// The benchmarks' baseline (bench/pages.ts): Next's defaults, nothing of Cairn's. Its root is this
// directory: Turbopack otherwise takes the repository's (found by its lockfile) and compiles the
// app's instrumentation.ts and proxy.ts into this build. `next`, `react` and `react-dom` come from
// the repository's node_modules through a symlink the bench makes, so the versions are the app's.
const root = path.dirname(fileURLToPath(import.meta.url));

/** @type {import("next").NextConfig} */
const nextConfig = { turbopack: { root }, outputFileTracingRoot: root };

export default nextConfig;
