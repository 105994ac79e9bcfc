/** Idempotency keys of order postings (DESIGN invariant 1). */
export const orderKeys = {
  /** The order's earn posting: the same order sent twice posts once. */
  order: (integrationId: string, externalId: string) => `order:${integrationId}:${externalId}`,
  /** A refund's reversal; keyed on the order's id so the key stays under 200 characters. */
  refund: (orderId: string, refundId: string) => `order-refund:${orderId}:${refundId}`,
};
