import { chooseDriver, createDatabase } from "@/db/client";
import { seed } from "@/db/seed";

async function main() {
  const url = process.env.DATABASE_URL;
  const driver = chooseDriver(url, process.env.DATABASE_DRIVER as "neon" | "pg" | "pglite" | undefined);
  const database =
    driver === "pglite"
      ? await createDatabase({ driver, dir: process.env.PGLITE_DIR || ".data/pglite" })
      : await createDatabase({ driver, url: url! });
  await database.migrate();
  const result = await seed(database.db);
  await database.close();
  console.info(`[cairn] seed done: ${result.users} new people`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
