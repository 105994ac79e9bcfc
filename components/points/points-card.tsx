import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDate, formatMoney, formatPoints } from "@/lib/format";

export type PointsCardProps = {
  available: number;
  pending: number;
  /** Value of one point in cents (settings.points.pointValueCents). */
  pointValueCents: number;
  /** The program currency the value is shown in (lib/brand getBrand); USD by default. */
  currency?: string;
  /** Available points whose lots expire in the next 30 days. */
  expiring: { points: number; firstDate: Date | null };
};

/** The dashboard's balance: available and pending points, what they are worth, and what expires soon. */
export function PointsCard({ available, pending, pointValueCents, currency = "USD", expiring }: PointsCardProps) {
  const worth = (points: number) => (pointValueCents > 0 ? formatMoney(points * pointValueCents, currency) : null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Points</CardTitle>
      </CardHeader>
      <CardContent>
        <p className="text-3xl font-bold tabular-nums" data-testid="points-available">
          {new Intl.NumberFormat("en-US").format(available)}
        </p>
        <p className="mt-1 text-sm text-neutral-700">
          available to spend{worth(available) ? <>, worth {worth(available)}</> : null}
        </p>
        {pending > 0 ? (
          <p className="mt-2 text-sm text-neutral-600" data-testid="points-pending">
            + {formatPoints(pending)} pending{worth(pending) ? ` (${worth(pending)})` : ""}, spendable once their hold ends
          </p>
        ) : null}
        {expiring.points > 0 && expiring.firstDate ? (
          <p className="mt-3 rounded-md bg-warning-50 px-3 py-2 text-sm text-warning-800" data-testid="points-expiring">
            <strong>{formatPoints(expiring.points)}</strong> expire in the next 30 days, the first on {formatDate(expiring.firstDate)}.
          </p>
        ) : null}
        <Link href="/points" className="mt-4 inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline-offset-4 hover:underline sm:min-h-0">
          See your points history
        </Link>
      </CardContent>
    </Card>
  );
}
