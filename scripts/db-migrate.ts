import { createDatabaseFromEnv } from "@/db/client";

/** Applies the committed migrations to DATABASE_URL (or the embedded PGlite). */
async function main() {
  const database = await createDatabaseFromEnv();
  await database.migrate();
  await database.close();
  console.info(`[cairn] migrations applied (${database.driver})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
