import { execFile, spawnSync } from "node:child_process";
import { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/**
 * A throwaway PostgreSQL server for one test run: initdb into a temporary directory, started on a
 * free loopback port with durability switched off (the data dies with the run anyway).
 * DESIGN "Tests, in tiers": PGlite runs one query at a time, so race tests need a real server.
 */

const run = promisify(execFile);

export type PostgresServerInfo = {
  host: string;
  port: number;
  user: string;
  /** Unix socket directory, inside the temporary directory. */
  socketDir: string;
  version: string;
};

export type PostgresServer = PostgresServerInfo & {
  dir: string;
  stop: () => Promise<void>;
  /** Stops the server (fast shutdown: open sessions are terminated) and keeps its data (resilience tests). */
  halt: () => Promise<void>;
  /** Starts a halted server again on the same port and data. */
  resume: () => Promise<void>;
};

const isRoot = process.getuid?.() === 0;

function versionOf(binDir: string): number {
  return Number(path.basename(path.dirname(binDir))) || 0;
}

/** PG_BIN wins; then Debian's /usr/lib/postgresql/<version>/bin (newest first); then `pg_config --bindir`. */
function findBinDir(): string | undefined {
  const usable = (dir: string) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"));
  if (process.env.PG_BIN) return usable(process.env.PG_BIN) ? process.env.PG_BIN : undefined;
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const dirs = readdirSync(debian)
      .map((v) => path.join(debian, v, "bin"))
      .filter(usable)
      .sort((a, b) => versionOf(b) - versionOf(a));
    if (dirs[0]) return dirs[0];
  }
  const pgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const bindir = pgConfig.status === 0 ? pgConfig.stdout.trim() : "";
  return bindir && usable(bindir) ? bindir : undefined;
}

function installPostgres(): void {
  console.info("[postgres] server binaries not found: installing the Debian package `postgresql` (running as root)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "postgresql"], { stdio: "inherit", env });
  if (install().status === 0) return;
  spawnSync("apt-get", ["update"], { stdio: "inherit", env });
  if (install().status !== 0) throw new Error("apt-get install postgresql failed; install PostgreSQL server binaries and retry");
}

export function requirePostgresBinaries(): string {
  if (process.env.PG_BIN && !findBinDir()) throw new Error(`PG_BIN=${process.env.PG_BIN} holds no initdb and pg_ctl`);
  let binDir = findBinDir();
  if (!binDir && isRoot && existsSync("/usr/bin/apt-get")) {
    installPostgres();
    binDir = findBinDir();
  }
  if (!binDir) {
    throw new Error(
      "Integration tests need PostgreSQL server binaries (initdb, pg_ctl). Install them — Debian/Ubuntu: " +
        "`sudo apt-get install postgresql`, macOS: `brew install postgresql@17` — or set PG_BIN to the folder holding initdb.",
    );
  }
  return binDir;
}

/** Runs a server binary; as root it runs as the `postgres` user, because initdb and postgres refuse root. */
async function pgExec(binDir: string, command: string, args: string[]): Promise<string> {
  const file = path.join(binDir, command);
  const [cmd, cmdArgs] = isRoot ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  try {
    const { stdout } = await run(cmd, cmdArgs, { encoding: "utf8", env: { ...process.env, LC_ALL: "C" } });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${command} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function giveToPostgres(target: string): void {
  if (!isRoot) return;
  const ids = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gids = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (ids.status !== 0) throw new Error("Running as root, but there is no `postgres` user to run the server as (apt-get install postgresql creates it)");
  chownSync(target, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
}

const PREFIX = "cairn-pg-";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Servers whose test run was killed outright (SIGKILL, OOM) are stopped and deleted by the next run. */
function reapStaleServers(binDir: string): void {
  for (const name of readdirSync(os.tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = path.join(os.tmpdir(), name);
    try {
      const ownerFile = path.join(dir, "owner.pid");
      const stale = existsSync(ownerFile)
        ? !isAlive(Number(readFileSync(ownerFile, "utf8")))
        : Date.now() - statSync(dir).mtimeMs > 60_000;
      if (stale) stopAndDelete(binDir, dir);
    } catch {
      // another run is reaping or creating it
    }
  }
}

function stopAndDelete(binDir: string, dir: string): void {
  const dataDir = path.join(dir, "data");
  if (existsSync(path.join(dataDir, "postmaster.pid"))) {
    const args = ["stop", "-D", dataDir, "-m", "immediate", "-w"];
    if (isRoot) spawnSync("runuser", ["-u", "postgres", "--", path.join(binDir, "pg_ctl"), ...args]);
    else spawnSync(path.join(binDir, "pg_ctl"), args);
  }
  rmSync(dir, { recursive: true, force: true });
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const binDir = requirePostgresBinaries();
  reapStaleServers(binDir);
  const dir = mkdtempSync(path.join(os.tmpdir(), PREFIX));
  writeFileSync(path.join(dir, "owner.pid"), String(process.pid));
  const dataDir = path.join(dir, "data");
  const socketDir = path.join(dir, "sock");
  const logFile = path.join(dir, "postgres.log");
  mkdirSync(socketDir);
  for (const d of [dir, socketDir]) giveToPostgres(d);

  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    stopAndDelete(binDir, dir);
  };
  // Safety net: a run that dies without its teardown must not leave a server behind.
  process.once("exit", stopSync);

  try {
    await pgExec(binDir, "initdb", ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"]);
    const version = (await pgExec(binDir, "postgres", ["--version"])).trim();

    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      // Written into postgresql.conf (initdb's file, owned by postgres): later settings win.
      appendFileSync(
        path.join(dataDir, "postgresql.conf"),
        [
          "",
          "# cairn test server",
          `port = ${port}`,
          "listen_addresses = '127.0.0.1'",
          `unix_socket_directories = '${socketDir}'`,
          "max_connections = 200",
          // Durability off: the whole cluster is deleted at the end of the run.
          "fsync = off",
          "synchronous_commit = off",
          "full_page_writes = off",
          "wal_level = minimal",
          "max_wal_senders = 0",
          "checkpoint_timeout = 1h",
          "max_wal_size = 1GB",
          "timezone = 'UTC'",
          "",
        ].join("\n"),
      );
      try {
        await pgExec(binDir, "pg_ctl", ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60"]);
        break;
      } catch (error) {
        const log = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
        // Another process may take the port between freePort() and the bind: try another one.
        if (attempt < 3 && /could not bind|already in use/i.test(log)) continue;
        throw new Error(`${(error as Error).message}\n--- ${logFile} ---\n${log.slice(-4000)}`);
      }
    }

    return {
      host: "127.0.0.1",
      port,
      user: "postgres",
      socketDir,
      version,
      dir,
      halt: async () => {
        await pgExec(binDir, "pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w"]);
      },
      resume: async () => {
        await pgExec(binDir, "pg_ctl", ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60"]);
      },
      stop: async () => {
        if (stopped) return;
        await pgExec(binDir, "pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w"]).catch(() => {});
        stopSync();
        process.removeListener("exit", stopSync);
      },
    };
  } catch (error) {
    stopSync();
    process.removeListener("exit", stopSync);
    throw error;
  }
}

export function serverUrl(server: Pick<PostgresServerInfo, "host" | "port" | "user">, database: string): string {
  return `postgresql://${server.user}@${server.host}:${server.port}/${database}`;
}
