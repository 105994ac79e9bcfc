import "server-only";
import { headers } from "next/headers";
import { clientIp } from "@/lib/auth/client-ip";
import { hashIp, hashUserAgent } from "@/lib/auth/rate-limit";

/** The request's IP and user agent, hashed: the referral fraud rules compare them, never read them. */
export async function requestHashes(): Promise<{ ipHash: string; uaHash: string }> {
  const userAgent = (await headers()).get("user-agent");
  return { ipHash: hashIp(await clientIp()), uaHash: hashUserAgent(userAgent) };
}
