import "server-only";
import type { Integration } from "@/db/schema";
import { OrderApiError } from "./errors";
import { getIntegration } from "./integrations";
import { INTEGRATION_HEADER, SIGNATURE_HEADER, SIGNATURE_TOLERANCE_SECONDS, TIMESTAMP_HEADER, verifySignature } from "./signature";

/** An order is a few kilobytes; anything this large is not one. */
const MAX_BODY_BYTES = 1_000_000;

/**
 * Authenticates a signed request (DESIGN invariant 7: the route authorises itself) and returns the
 * raw body it verified. Every failure is a 401 and happens before anything is parsed or written.
 */
export async function authenticateSignedRequest(request: Request, nowSeconds = Math.floor(Date.now() / 1000)): Promise<{ integration: Integration; body: string }> {
  const integrationId = request.headers.get(INTEGRATION_HEADER)?.trim();
  const timestamp = request.headers.get(TIMESTAMP_HEADER)?.trim();
  const signature = request.headers.get(SIGNATURE_HEADER)?.trim();
  if (!integrationId || !timestamp || !signature) {
    throw new OrderApiError(401, `Sign the request: send ${INTEGRATION_HEADER}, ${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER} headers.`);
  }
  const body = await request.text();
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new OrderApiError(413, "The body is larger than 1 MB.", "body");

  const integration = await getIntegration(integrationId);
  const check = integration ? verifySignature({ secretHash: integration.secretHash, timestamp, signature, body, nowSeconds }) : ({ ok: false, reason: "signature" } as const);
  if (!check.ok && check.reason === "timestamp") {
    throw new OrderApiError(401, `${TIMESTAMP_HEADER} must be the current Unix time in seconds (within ${SIGNATURE_TOLERANCE_SECONDS} s of ours).`);
  }
  if (!integration || !check.ok) {
    throw new OrderApiError(401, `The signature does not match: check ${INTEGRATION_HEADER}, the secret, and that you sign \`\${timestamp}.\${rawBody}\` exactly as sent.`);
  }
  // Only a caller who holds the secret learns that it was revoked.
  if (integration.revokedAt) throw new OrderApiError(401, "This integration was revoked. Ask an admin for a new one.");
  return { integration, body };
}
