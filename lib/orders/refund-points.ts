/**
 * Points a refund takes back: floor(order points × refunded share of the total), never more than
 * the order has left; the refund that completes the order takes exactly the remainder, so a fully
 * refunded order has reversed all its points whatever the rounding of the earlier refunds.
 */
export function refundPoints(args: { orderPoints: number; totalCents: number; refundedCents: number; reversedPoints: number; amountCents: number }): number {
  const left = args.orderPoints - args.reversedPoints;
  if (left <= 0) return 0;
  if (args.refundedCents + args.amountCents >= args.totalCents) return left;
  // BigInt: points × cents can pass 2^53 on the largest orders
  const share = Number((BigInt(args.orderPoints) * BigInt(args.amountCents)) / BigInt(args.totalCents));
  return Math.min(left, share);
}
