import { describe, expect, it } from "vitest";
import { chooseDriver, type Driver } from "./client";

describe("chooseDriver", () => {
  it.each<[string, string | undefined, Driver | undefined, Driver]>([
    ["no URL: embedded PGlite", undefined, undefined, "pglite"],
    ["empty URL: embedded PGlite", "", undefined, "pglite"],
    ["Neon endpoint", "postgresql://app:pw@ep-cool-river-123456.us-east-2.aws.neon.tech/cairn?sslmode=require", undefined, "neon"],
    ["Neon pooler endpoint", "postgres://app:pw@ep-cool-river-123456-pooler.eu-central-1.aws.neon.tech/cairn", undefined, "neon"],
    ["local Postgres", "postgres://postgres@localhost:5432/cairn", undefined, "pg"],
    ["other hosted Postgres", "postgresql://app:pw@db.example.com:5432/cairn", undefined, "pg"],
    ["neon.tech only inside the path", "postgresql://app:pw@db.example.com/neon.tech", undefined, "pg"],
    ["a host that merely ends in neon.tech", "postgresql://app:pw@notneon.tech/cairn", undefined, "pg"],
    ["forced pg wins over a Neon host", "postgresql://app:pw@ep-x.us-east-2.aws.neon.tech/cairn", "pg", "pg"],
    ["forced neon wins over a plain host", "postgres://postgres@127.0.0.1:5432/cairn", "neon", "neon"],
    ["forced pglite wins over a URL", "postgres://postgres@127.0.0.1:5432/cairn", "pglite", "pglite"],
    ["forced driver without a URL", undefined, "pg", "pg"],
  ])("%s", (_name, url, forced, expected) => {
    expect(chooseDriver(url, forced)).toBe(expected);
  });
});
