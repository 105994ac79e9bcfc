import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/lib/format";
import { describeReferral, type ReferralRow } from "./referral-status";

export type FunnelCounts = { clicks: number; signups: number; paid: number; pointsEarned: number };

const number = new Intl.NumberFormat("en-US");

/** Clicks → sign-ups → paid → points, as a list so the order reads the same with or without styles. */
export function FunnelSteps({ counts }: { counts: FunnelCounts }) {
  const steps = [
    { label: "Clicks", value: number.format(counts.clicks) },
    { label: "Sign-ups", value: number.format(counts.signups) },
    { label: "Paid", value: number.format(counts.paid) },
    { label: "Points earned", value: number.format(counts.pointsEarned) },
  ];
  return (
    <ol className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Your referral funnel">
      {steps.map((step, index) => (
        <li key={step.label} className="rounded-lg border border-neutral-200 bg-white p-4">
          <p className="text-sm text-neutral-600">
            <span className="sr-only">Step {index + 1}: </span>
            {step.label}
          </p>
          <p className="mt-1 text-2xl font-semibold text-neutral-900 tabular-nums">{step.value}</p>
        </li>
      ))}
    </ol>
  );
}

/** Each friend the member referred, newest first, with its state in words. */
export function ReferralList({ referrals }: { referrals: ReferralRow[] }) {
  return (
    <ul className="divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white" aria-label="Your referrals">
      {referrals.map((row) => {
        const { text, tone } = describeReferral(row);
        return (
          <li key={row.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
            <p className="min-w-0 font-medium text-neutral-900">{text}</p>
            <Badge tone={tone} className="whitespace-normal">
              Signed up {formatDate(row.createdAt)}
            </Badge>
          </li>
        );
      })}
    </ul>
  );
}
