// What tests/setup/security.global.ts hands to the security tier's files through provide/inject.
declare module "vitest" {
  export interface ProvidedContext {
    security: { port: number; url: string };
  }
}

export {};
