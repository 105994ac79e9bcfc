import { embeddedDatabaseHolder, loadEnvFiles } from "./support/script-env";
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { connectDb, disconnectDb } from "@/db";
import { getEnv } from "@/lib/env";
import { ImportFileError, importOrdersCsv, IMPORT_COLUMNS, type ImportLine } from "@/lib/orders/import-orders";

/**
 * `npm run orders:import -- orders.csv --integration <id>`: past orders from a CSV file, through
 * the same ingestion as POST /api/v1/orders, so re-running it reports duplicates and posts nothing
 * twice. One line per order; exit code 1 if any line failed. Runs under `tsx --conditions=react-server`
 * so the service modules' `import "server-only"` resolves to its empty build, as inside Next.
 */

const USAGE = `Usage: npm run orders:import -- <file.csv> --integration <integration id>
CSV columns: ${IMPORT_COLUMNS.join(",")}`;

loadEnvFiles();

function describe(line: ImportLine): string {
  const id = line.externalId ?? "—";
  if (line.status === "error") return `  line ${line.line}  error      ${id}  ${line.field}: ${line.error}`;
  return `  line ${line.line}  ${line.status.padEnd(9)}  ${id}  ${line.points} points`;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { integration: { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: true });
  if (values.help) {
    console.info(USAGE);
    return 0;
  }
  const [file] = positionals;
  if (!file || !values.integration || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`[cairn] no such file: ${file}`);
    return 2;
  }
  const env = getEnv();
  const holder = env.embedded.database ? await embeddedDatabaseHolder(env.APP_URL) : null;
  if (holder) {
    console.error(`[cairn] orders:import can't open the embedded database (${env.PGLITE_DIR}) while the app runs (found ${holder}): stop it, or use ${env.APP_URL}/admin/integrations → "Import orders".`);
    return 1;
  }

  await connectDb();
  try {
    const report = await importOrdersCsv(values.integration, readFileSync(file, "utf8"), (line) => console.info(describe(line)));
    console.info(`[cairn] ${report.created} created, ${report.duplicate} duplicate, ${report.errors} with errors`);
    return report.errors ? 1 : 0;
  } catch (error) {
    if (error instanceof ImportFileError) {
      console.error(`[cairn] ${error.line ? `line ${error.line}: ` : ""}${error.message} Nothing was imported.`);
      return 1;
    }
    throw error;
  }
}

main()
  .then(async (code) => {
    await disconnectDb();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error);
    await disconnectDb().catch(() => {});
    process.exit(1);
  });
