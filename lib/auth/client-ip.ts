import "server-only";
import { headers } from "next/headers";

/** The caller's IP as the platform reports it; "unknown" groups callers without one. */
export async function clientIp(): Promise<string> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || h.get("x-real-ip") || "unknown";
}
