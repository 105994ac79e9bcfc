// The benchmarks' baseline (bench/pages.ts): Next's defaults, nothing of Cairn's. It resolves `next`,
// `react` and `react-dom` from the repository's node_modules (Node walks up from bench/hello-world),
// so it is always built with exactly the app's versions.
/** @type {import("next").NextConfig} */
const nextConfig = {};

export default nextConfig;
