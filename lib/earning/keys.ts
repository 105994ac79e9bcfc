/**
 * Idempotency keys of earning postings (DESIGN invariant 1). "Once" and "once a year" are keys,
 * not checks: a second award with the same key is the first one.
 */
export const earningKeys = {
  signup: (customerId: string) => `signup:${customerId}`,
  /** One birthday bonus per customer per calendar year (UTC). */
  birthday: (customerId: string, year: number) => `birthday:${customerId}:${year}`,
  survey: (surveyId: string, customerId: string) => `survey:${surveyId}:${customerId}`,
  /** An action reported by a shop through POST /api/v1/events. */
  event: (integrationId: string, externalId: string) => `event:${integrationId}:${externalId}`,
  /** A review or share the member reported with a link (lib/earning/claims.ts). */
  claim: (claimId: string) => `claim:${claimId}`,
  /** The paid-membership bonus: the Stripe invoice or Checkout Session that paid for it. */
  membership: (stripeObjectId: string) => `stripe:${stripeObjectId}`,
};
