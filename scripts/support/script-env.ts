import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** Next reads these files for the app; scripts read the same ones (the shell's values win). */
export function loadEnvFiles(): void {
  for (const file of [".env.development.local", ".env.local", ".env.development", ".env"]) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Who holds the embedded database, if anyone: `next dev` (its lock file), or any server answering
 * on APP_URL. PGlite allows one process per data directory, so a script must not open it then.
 */
export async function embeddedDatabaseHolder(appUrl: string): Promise<string | null> {
  try {
    const info = JSON.parse(readFileSync(path.join(".next", "dev", "lock"), "utf8")) as { pid?: number; appUrl?: string };
    if (info.pid && isAlive(info.pid)) return `a dev server (pid ${info.pid}, ${info.appUrl ?? appUrl})`;
  } catch {
    // no lock file, or not one we can read: fall through to asking the port
  }
  try {
    await fetch(appUrl, { method: "HEAD", redirect: "manual", signal: AbortSignal.timeout(1500) });
    return `a server answering at ${appUrl}`;
  } catch {
    return null;
  }
}
