import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema.ts, reviewed and committed; `npm run db:migrate` applies them.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  ...(process.env.DATABASE_URL ? { dbCredentials: { url: process.env.DATABASE_URL } } : { driver: "pglite", dbCredentials: { url: ".data/pglite" } }),
});
