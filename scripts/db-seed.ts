import { createDatabaseFromEnv } from "@/db/client";
import { seed } from "@/db/seed";

async function main() {
  const database = await createDatabaseFromEnv();
  await database.migrate();
  const result = await seed(database.db);
  await database.close();
  console.info(`[cairn] seed done: ${result.users} new people`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
