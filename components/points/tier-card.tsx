import { Badge, type TierName } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDate, formatMoney, formatPoints } from "@/lib/format";
import type { TierProgress } from "@/lib/tiers/tiers";
import { TierProgressBar } from "./tier-progress-bar";

const TIER_TONES: readonly string[] = ["bronze", "silver", "gold", "platinum"] satisfies TierName[];

/** "1,200 more points" or "$120.00 more", depending on what qualifies tiers. */
function amount(value: number, metric: TierProgress["metric"]): string {
  return metric === "spend" ? formatMoney(value) : formatPoints(value);
}

/** The dashboard's tier: badge, progress to the next tier, and by when the 12-month window moves. */
export function TierCard({ progress }: { progress: TierProgress | null }) {
  if (!progress) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Tier</CardTitle>
        </CardHeader>
        <CardContent>
          <p className="text-sm text-neutral-600">Tiers aren&apos;t set up for this program yet.</p>
        </CardContent>
      </Card>
    );
  }
  const { tier, next, qualifyingValue, needed, metric, by, downgradeAfter } = progress;
  const tone = TIER_TONES.includes(tier.id) ? (tier.id as TierName) : "neutral";
  // "1,200 more points to Gold" / "$120.00 more to Gold", with the date the window next moves.
  const more = metric === "spend" ? `${formatMoney(needed)} more` : `${new Intl.NumberFormat("en-US").format(needed)} more ${needed === 1 ? "point" : "points"}`;
  const line = next ? `${more} to ${next.name}${by ? ` by ${formatDate(by)}` : ""}` : `You're at the top tier.`;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Tier</CardTitle>
      </CardHeader>
      <CardContent>
        <Badge tone={tone} dot className="px-3! py-1! text-sm!" data-testid="tier-badge">
          {tier.name}
        </Badge>
        {tier.multiplier > 1 ? <p className="mt-2 text-sm text-neutral-700">{tier.multiplier}× points on purchases</p> : null}
        {next ? (
          <div className="mt-4 space-y-2">
            <TierProgressBar
              value={qualifyingValue}
              max={next.threshold}
              label={`Progress to ${next.name}`}
              valueText={`${amount(qualifyingValue, metric)} of ${amount(next.threshold, metric)}`}
            />
            <p className="text-sm font-medium text-neutral-900" data-testid="tier-progress">
              {line}
            </p>
          </div>
        ) : (
          <p className="mt-4 text-sm font-medium text-neutral-900">{line}</p>
        )}
        <p className="mt-2 text-xs text-neutral-600">
          {metric === "spend" ? `${amount(qualifyingValue, metric)} of qualifying spend in the last 12 months counts` : `${amount(qualifyingValue, metric)} earned in the last 12 months count`} toward your tier
          {by ? `; the oldest stop counting on ${formatDate(by)}` : ""}.
        </p>
        {downgradeAfter ? (
          <p className="mt-2 text-xs text-warning-800">
            You&apos;re below {tier.name} now; you keep it until {formatDate(downgradeAfter)}.
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
