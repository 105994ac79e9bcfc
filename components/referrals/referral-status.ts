import { formatDate } from "@/lib/format";

/** The statuses a referral moves through (db enum referral_status). */
export type ReferralStatus = "pending" | "qualified" | "rewarded" | "void" | "flagged" | "rejected" | "blocked";

export type ReferralRow = { id: string; name: string | null; status: ReferralStatus; rewardAvailableAt: Date | null; createdAt: Date };

export type StatusTone = "neutral" | "brand" | "success" | "warning" | "danger";

/** Only the first name: the referrer sees who joined, not their full identity. */
export function firstName(name: string | null | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}

/** A referral's state in words for the referrer, e.g. "Alex joined — reward available on Dec 12, 2026". */
export function describeReferral(row: Pick<ReferralRow, "name" | "status" | "rewardAvailableAt">): { text: string; tone: StatusTone } {
  const who = firstName(row.name);
  const subject = who ?? "Your friend";
  const possessive = who ? `${who}'s` : "your friend's";
  switch (row.status) {
    case "pending":
      return { text: `Waiting for ${possessive} first paid membership`, tone: "neutral" };
    case "qualified":
      return {
        text: row.rewardAvailableAt ? `${subject} joined — reward available on ${formatDate(row.rewardAvailableAt)}` : `${subject} joined — reward on its way`,
        tone: "brand",
      };
    case "rewarded":
      return { text: `${subject} joined — reward added to your points`, tone: "success" };
    case "void":
      return { text: "Reward cancelled — the payment was refunded", tone: "danger" };
    case "flagged":
      return { text: "Held for review", tone: "warning" };
    case "rejected":
      return { text: "Not eligible — declined after review", tone: "danger" };
    case "blocked":
      return { text: "Not eligible — this referral can't earn a reward", tone: "danger" };
  }
}

/** Conversion as a whole percent, or an em dash when there is nothing to divide by. */
export function rate(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)} %` : "—";
}
