import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/guards";

// The session is the factory's input here: each case decides who is calling.
let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => caller }));

const { ActionError, adminAction, memberAction, publicAction } = await import("./action");

const member: CurrentUser = { id: "u1", email: "m@example.com", name: null, role: "member" };
const admin: CurrentUser = { id: "u2", email: "a@example.com", name: null, role: "admin" };
const schema = z.object({ points: z.coerce.number().int().positive({ error: "Must be a positive whole number." }), note: z.string().min(1) });

describe("action factory", () => {
  const body = vi.fn(async ({ input, ctx }: { input: z.output<typeof schema>; ctx: { user: CurrentUser | null } }) => ({ doubled: input.points * 2, by: ctx.user?.id ?? null }));
  beforeEach(() => {
    body.mockClear();
    caller = null;
  });

  it("parses input and hands the body a typed input and context", async () => {
    caller = member;
    const result = await memberAction(schema, body)({ points: 4, note: "x" });
    expect(result).toEqual({ ok: true, data: { doubled: 8, by: "u1" } });
  });

  it("coerces FormData, also when called through useActionState (previous state first)", async () => {
    caller = admin;
    const form = new FormData();
    form.set("points", "21");
    form.set("note", "from a form");
    form.set("$ACTION_ID_abc", "");
    expect(await adminAction(schema, body)(null, form)).toEqual({ ok: true, data: { doubled: 42, by: "u2" } });
    expect(await adminAction(schema, body)(form)).toEqual({ ok: true, data: { doubled: 42, by: "u2" } });
  });

  it("returns field errors for bad input and never runs the body", async () => {
    caller = member;
    const result = await memberAction(schema, body)({ points: -3, note: "" } as never);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid_input");
    expect(result.fieldErrors?.points).toEqual(["Must be a positive whole number."]);
    expect(result.fieldErrors?.note).toBeDefined();
    expect(body).not.toHaveBeenCalled();
  });

  it("V5.1.3 refuses a NUL anywhere in the input (Postgres cannot store it) as a field error, also in FormData", async () => {
    caller = member;
    const plain = await memberAction(schema, body)({ points: 1, note: "a\u0000b" });
    expect(plain).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { note: [expect.stringContaining("NUL")] } });
    const form = new FormData();
    form.set("points", "1");
    form.set("note", "fine");
    form.set("extra\u0000", "x");
    expect(await memberAction(schema, body)(null, form)).toMatchObject({ ok: false, code: "invalid_input" });
    expect(body).not.toHaveBeenCalled();
  });

  it.each([
    ["memberAction", null, "unauthenticated"],
    ["adminAction", null, "unauthenticated"],
    ["adminAction", member, "forbidden"],
  ] as const)("%s refuses caller %o with %s before parsing or running", async (name, who, code) => {
    caller = who;
    const factory = name === "memberAction" ? memberAction : adminAction;
    const result = await factory(schema, body)({ points: 1, note: "x" });
    expect(result).toMatchObject({ ok: false, code });
    expect(body).not.toHaveBeenCalled();
  });

  it("lets anonymous callers through publicAction with a null user", async () => {
    expect(await publicAction(schema, body)({ points: 1, note: "x" })).toEqual({ ok: true, data: { doubled: 2, by: null } });
  });

  it("shows expected failures as they are", async () => {
    caller = member;
    const failing = memberAction(schema, async () => {
      throw new ActionError("Not enough points: you have 40.", "conflict");
    });
    expect(await failing({ points: 1, note: "x" })).toEqual({ ok: false, code: "conflict", error: "Not enough points: you have 40.", fieldErrors: undefined });
  });

  it("hides unexpected errors behind a reference id that is logged", async () => {
    caller = member;
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = memberAction(schema, async () => {
      throw new Error("connection reset: secret internals");
    });
    const result = await failing({ points: 1, note: "x" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("internal");
    expect(result.error).not.toContain("secret internals");
    const reference = /reference ([0-9a-f]{8})/.exec(result.error)?.[1];
    expect(reference).toBeDefined();
    expect(String(log.mock.calls[0][0])).toContain(reference!);
    log.mockRestore();
  });

  it("answers 'unavailable' (try again) when the database is unreachable, without a stack for the person", async () => {
    caller = member;
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = memberAction(schema, async () => {
      throw new Error("Failed query: begin", { cause: Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }) });
    });
    const result = await failing({ points: 1, note: "x" });
    expect(result).toMatchObject({ ok: false, code: "unavailable" });
    if (result.ok) return;
    expect(result.error).toMatch(/try again/);
    expect(result.error).not.toContain("administrator");
    log.mockRestore();
  });
});
