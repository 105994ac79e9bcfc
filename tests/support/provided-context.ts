import type { PostgresServerInfo } from "./postgres-server";

// What tests/setup/postgres.global.ts hands to the workers through vitest's provide/inject.
declare module "vitest" {
  export interface ProvidedContext {
    postgres: PostgresServerInfo & { template: string };
  }
}

export {};
