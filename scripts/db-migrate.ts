import { chooseDriver, createDatabase } from "@/db/client";

/** Applies the committed migrations to DATABASE_URL (or the embedded PGlite). */
async function main() {
  const url = process.env.DATABASE_URL;
  const driver = chooseDriver(url, process.env.DATABASE_DRIVER as "neon" | "pg" | "pglite" | undefined);
  const database =
    driver === "pglite"
      ? await createDatabase({ driver, dir: process.env.PGLITE_DIR || ".data/pglite" })
      : await createDatabase({ driver, url: url! });
  await database.migrate();
  await database.close();
  console.info(`[cairn] migrations applied (${driver})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
