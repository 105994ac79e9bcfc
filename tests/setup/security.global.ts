import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { assertBuilt, findFreePort } from "../security/support/app-server";
import { SECURITY_DATA_DIR } from "../security/support/fixtures";
import "../security/support/provided-context";

/**
 * Security tier, once per run: it tests the production build (`next build` first), starts from an
 * empty .data/security (the fixture base is rebuilt), and picks the port the app will listen on.
 */
export default async function setup(project: TestProject) {
  assertBuilt();
  rmSync(SECURITY_DATA_DIR, { recursive: true, force: true });
  const port = Number(process.env.SECURITY_PORT) || (await findFreePort());
  project.provide("security", { port, url: `http://localhost:${port}` });
}
