import { Alert } from "@/components/ui/alert";
import { formatPoints } from "@/lib/format";
import { offerForYou, type RefereeOffer } from "@/lib/referrals/offer";

type Props = {
  referrerName: string | null;
  offer: RefereeOffer;
  /** visitor: came through a link, not signed in; member: their referral is recorded; held: welcome points wait for a review. */
  state: "visitor" | "member" | "held";
  programName?: string;
  className?: string;
};

/** The pricing page's welcome for someone a friend invited, with the offer in words. */
export function ReferralInvite({ referrerName, offer, state, programName = "Cairn", className }: Props) {
  const who = `${referrerName ?? "A friend"} invited you`;
  if (offer.kind === "discount") {
    return (
      <Alert tone="success" className={className} title={`${who} — ${offerForYou(offer)}`}>
        {state === "visitor" ? "Pick a paid plan below to use it." : "It comes off automatically when you pick a paid plan below."}
      </Alert>
    );
  }
  if (offer.kind === "points") {
    const title = state === "visitor" ? `${who} — ${offerForYou(offer)}` : `${who} — ${formatPoints(offer.points)} welcome bonus`;
    const body =
      state === "visitor"
        ? "Join free or pick a plan below: the points arrive with your first sign-in."
        : state === "held"
          ? "They'll be added to your balance once your sign-up is confirmed."
          : "They're in your points balance.";
    return (
      <Alert tone="success" className={className} title={title}>
        {body}
      </Alert>
    );
  }
  return (
    <Alert tone="success" className={className} title={`${who} to ${programName}`}>
      Pick a plan below to join.
    </Alert>
  );
}
