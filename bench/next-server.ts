/**
 * `next build` and `next start` for the benchmarks. A server runs as the leader of its own process
 * group and is stopped by that group's id, so nothing it spawned outlives the bench.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const NEXT_BIN = path.join("node_modules", "next", "dist", "bin", "next");

/** Runs `next build [dir]`; its output goes to the terminal, because a failed build must explain itself. */
export async function nextBuild(dir: string | null, env: NodeJS.ProcessEnv, nextBin = NEXT_BIN): Promise<void> {
  const args = [nextBin, "build", ...(dir ? [dir] : [])];
  const build = spawn(process.execPath, args, { stdio: "inherit", env });
  const code = await new Promise<number | null>((resolve) => build.on("exit", resolve));
  if (code !== 0) throw new Error(`next build ${dir ?? ""} exited ${code}`);
}

/** CPU time (ms, user + system) a process has used so far; null where /proc is not there (not Linux). */
export function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, USER_HZ = 100
  } catch {
    return null;
  }
}

/** The newest modification time (ms) among files under `roots`, skipping build output, dependencies and tests. */
export function newestSource(roots: string[]): number {
  let newest = 0;
  const skip = new Set(["node_modules", ".next", ".data", "test-results", "results"]);
  const visit = (entry: string) => {
    if (!existsSync(entry)) return;
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      for (const name of readdirSync(entry)) if (!skip.has(name)) visit(path.join(entry, name));
    } else if (!/\.test\.tsx?$/.test(entry)) newest = Math.max(newest, stat.mtimeMs);
  };
  roots.forEach(visit);
  return newest;
}

/** A build in `distDir` is current when it exists and is newer than every source it was built from. */
export function buildIsCurrent(distDir: string, sources: string[]): boolean {
  const id = path.join(distDir, "BUILD_ID");
  return existsSync(id) && statSync(id).mtimeMs >= newestSource(sources);
}

export type NextServer = { url: string; pid: number; logFile: string; stop(): Promise<void> };

async function waitForServer(url: string, child: ChildProcess, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode} before answering ${url}`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server at ${url} did not start in ${timeoutMs / 1000} s`);
}

/** `next start [dir] -p port`, its output in `logFile`; resolves once `readyPath` answers. */
export async function nextStart({
  dir,
  port,
  env,
  logFile,
  readyPath = "/",
  nextBin = NEXT_BIN,
}: {
  dir: string | null;
  port: number;
  env: NodeJS.ProcessEnv;
  logFile: string;
  readyPath?: string;
  nextBin?: string;
}): Promise<NextServer> {
  const url = `http://localhost:${port}`;
  const out = openSync(logFile, "w");
  const child = spawn(process.execPath, [nextBin, "start", ...(dir ? [dir] : []), "-p", String(port)], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", out, out],
    detached: true,
  });
  closeSync(out);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return; // the group is already gone
    }
    const killer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // gone meanwhile
      }
    }, 10_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    await waitForServer(`${url}${readyPath}`, child, 90_000);
  } catch (error) {
    await stop();
    const log = existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n") : "";
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return { url, pid: child.pid!, logFile, stop };
}
