import { Alert } from "@/components/ui/alert";

/** The pricing page's welcome for a visitor who came through a friend's link. */
export function ReferralInvite({ referrerName, discountPercent, className }: { referrerName: string | null; discountPercent: number; className?: string }) {
  return (
    <Alert tone="success" className={className} title={`${referrerName ?? "A friend"} invited you — ${discountPercent} % off your first membership`}>
      Pick a paid plan below to use it.
    </Alert>
  );
}
