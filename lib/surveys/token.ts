import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * The email link's token: 32 random bytes (43 base64url characters), unguessable, so the link
 * answers exactly its own invitation without signing in. Only its SHA-256 is stored: a leaked
 * database answers no survey, and looking a token up by its hash leaks nothing through timing.
 */
export function newSurveyToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSurveyToken(token) };
}

export function hashSurveyToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
