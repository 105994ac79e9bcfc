import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { emailOutbox } from "@/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { SignInEmail } from "@/lib/email/templates/sign-in-email";
import { getEnv, parseEnv } from "@/lib/env";

const globalForEnv = globalThis as unknown as { cairnEnv?: ReturnType<typeof getEnv> };

/** A local stand-in for Resend's HTTP API: the test decides how it answers. */
let respond: (body: unknown) => { status: number; json: unknown } = () => ({ status: 200, json: { id: "re_local_1" } });
const received: unknown[] = [];
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = JSON.parse(raw || "{}");
      received.push(body);
      const { status, json } = respond(body);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  process.env.RESEND_BASE_URL = `http://localhost:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.RESEND_BASE_URL;
  await new Promise((resolve) => server.close(resolve));
});

const embedded = getEnv();
afterEach(() => {
  globalForEnv.cairnEnv = embedded;
});

function useResend() {
  globalForEnv.cairnEnv = parseEnv({ ...process.env, AUTH_SECRET: embedded.AUTH_SECRET, RESEND_API_KEY: "re_test_key" });
}

const message = (to: string) => ({ to, subject: "Your sign-in link for Cairn", template: "sign-in", react: SignInEmail({ url: "http://localhost:3000/x", email: to, minutes: 15 }) });

describe("sendEmail", () => {
  it("keeps the message in the outbox when no provider is configured", async () => {
    const result = await sendEmail(message("Outbox@Example.com"));
    expect(result?.status).toBe("outbox");
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, result!.id));
    expect(row.to).toBe("outbox@example.com");
    expect(row.html).toContain("http://localhost:3000/x");
    expect(row.text).toContain("Sign in to Cairn");
    expect(row.template).toBe("sign-in");
  });

  it("delivers through Resend and records the provider id", async () => {
    useResend();
    respond = () => ({ status: 200, json: { id: "re_local_42" } });
    const result = await sendEmail(message("sent@example.com"));
    expect(result?.status).toBe("sent");
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, result!.id));
    expect(row).toMatchObject({ status: "sent", providerId: "re_local_42", attempts: 1 });
    expect(received.at(-1)).toMatchObject({ to: "sent@example.com", subject: "Your sign-in link for Cairn" });
  });

  it("never throws when the provider fails, and keeps the message queued for a retry with the error", async () => {
    useResend();
    respond = () => ({ status: 500, json: { name: "internal_server_error", message: "provider down", statusCode: 500 } });
    const log = console.error;
    console.error = () => {};
    const result = await sendEmail(message("failed@example.com"));
    console.error = log;
    expect(result?.status).toBe("queued");
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, result!.id));
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(row.createdAt.getTime());
    expect(row.error).toContain("provider down");
    expect(row.html.length).toBeGreaterThan(100);
  });
});
