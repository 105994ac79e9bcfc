import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";

/** The e2e tier runs in the system Chromium (DESIGN "Tests, in tiers"); install it when we can. */
export default function globalSetup(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.info(`[e2e] ${CHROMIUM} not found: installing the Debian package \`chromium\``);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const install = () => spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { stdio: "inherit", env }).status === 0;
    if (!install()) {
      spawnSync("apt-get", ["update"], { stdio: "inherit", env });
      install();
    }
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`End-to-end tests need Chromium at ${CHROMIUM}: install it (Debian/Ubuntu: sudo apt-get install chromium) and retry.`);
  }
}
