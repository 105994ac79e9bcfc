import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./errors";

const coded = (code: string, message = "x") => Object.assign(new Error(message), { code });
/** What drizzle throws: its own error, the driver's as the cause. */
const wrapped = (cause: unknown) => new Error("Failed query: begin", { cause });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", coded("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    ["a refused dual-stack connection", new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")], "")],
    ["a reset socket", coded("ECONNRESET")],
    ["the server shutting down (57P01)", coded("57P01", "terminating connection due to administrator command")],
    ["the server starting up (57P03)", coded("57P03", "the database system is starting up")],
    ["a connection failure (08006)", coded("08006")],
    ["too many connections (53300)", coded("53300")],
    ["a dropped connection, in words", new Error("Connection terminated unexpectedly")],
    ["a client that lost its connection", new Error("Client has encountered a connection error and is not queryable")],
    ["a pool that could not connect in time", new Error("timeout exceeded when trying to connect")],
    ["any of these wrapped by drizzle", wrapped(coded("57P01"))],
  ])("recognises %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", coded("23505", "duplicate key value violates unique constraint")],
    ["a check violation", coded("23514")],
    ["a serialization failure (retried by the ledger, not the client)", coded("40001")],
    ["a syntax error wrapped by drizzle", wrapped(coded("42601"))],
    ["a plain bug", new TypeError("Cannot read properties of undefined")],
    ["an AggregateError with one unrelated error", new AggregateError([coded("ECONNREFUSED"), new Error("bug")], "")],
    ["nothing at all", undefined],
    ["a string", "ECONNREFUSED"],
  ])("does not mistake %s for an outage", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("stops on a cause cycle", () => {
    const a: { cause?: unknown } = new Error("a");
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
