import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships a WASM Postgres and loads its own files at runtime: it must not be bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  // Decision record: docs/decisions/0003-cache-components.md
  cacheComponents: false,
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() renders app/forbidden.tsx with a 403 for members who reach admin pages
  experimental: {
    authInterrupts: true,
    // reward images are uploaded through a server action (validated to 2 MB in lib/rewards/images.ts)
    serverActions: { bodySizeLimit: "3mb" },
  },
};

export default nextConfig;
