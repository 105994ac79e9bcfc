import type { Metadata } from "next";
import { BreakageTable } from "@/components/admin/accounting/breakage-table";
import { ExpiryTable } from "@/components/admin/accounting/expiry-table";
import { LiabilityTable } from "@/components/admin/accounting/liability-table";
import { MethodNotes } from "@/components/admin/accounting/method-notes";
import { formatNumber, formatRate, SectionHeading } from "@/components/admin/accounting/report-table";
import { RollForwardTable } from "@/components/admin/accounting/roll-forward-table";
import { BackLink } from "@/components/admin/back-link";
import { DateRangeForm } from "@/components/admin/date-range-form";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { netPoints } from "@/lib/accounting/math";
import { loadAccountingReport } from "@/lib/accounting/report";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime, formatMoney } from "@/lib/format";
import { parseDateRange } from "@/lib/reports/date-range";
import { Stat } from "@/components/admin/stat";

export const metadata: Metadata = { title: "Points accounting · Admin" };

export default async function AdminAccountingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin("/admin/accounting");
  const range = parseDateRange(await searchParams);
  const { ledger, breakage, liability, expiry } = await loadAccountingReport(range.range);
  const query = `?${new URLSearchParams({ from: range.range.fromDay, to: range.range.toDay })}`;
  const { current } = liability;
  const { tieOut } = ledger;
  // Every posting creates its member's balance row: none at all means no points were ever posted.
  const noPoints = tieOut.members === 0;
  const expiring = expiry.months.some((m) => m.available + m.pending > 0) || expiry.later.available + expiry.later.pending + expiry.never.available + expiry.never.pending > 0;

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10">
      <BackLink />
      <PageHeader
        className="mt-2"
        title="Points accounting"
        description="What the program owes in points, how the balance moved, and how much is expected never to be redeemed. Every table downloads as CSV."
      />

      <div className="mt-6">
        <DateRangeForm result={range} action="/admin/accounting" />
      </div>

      <section className="mt-8" aria-labelledby="today-heading">
        <h2 id="today-heading" className="text-lg font-semibold text-neutral-900">
          Today
        </h2>
        <dl className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Stat label="Outstanding liability" value={formatMoney(current.cents)} detail={`${formatNumber(current.points)} points at ${liability.pointValueCents} ¢`} />
          <Stat label="Breakage rate" value={formatRate(current.rate)} detail={current.rate === null ? "no lot has closed yet" : `from ${formatNumber(breakage.toDate.lots)} closed lots`} />
          <Stat label="Liability net of breakage" value={formatMoney(current.netOfBreakageCents)} />
          <Stat label="Debt owed by members" value={formatNumber(current.balance.debt)} detail="points, counted against the liability" />
        </dl>
        {tieOut.ties ? (
          <Alert tone="success" className="mt-3" title="The ledger ties out">
            The journal to date — {formatNumber(tieOut.ledger.available)} available + {formatNumber(tieOut.ledger.pending)} pending − {formatNumber(tieOut.ledger.debt)} debt ={" "}
            {formatNumber(netPoints(tieOut.ledger))} points — equals the sum of the balances of {formatNumber(tieOut.members)} members.
          </Alert>
        ) : (
          <Alert tone="error" className="mt-3" title="The ledger does not tie out">
            The journal to date gives {formatNumber(tieOut.ledger.available)} available, {formatNumber(tieOut.ledger.pending)} pending and {formatNumber(tieOut.ledger.debt)} debt;
            the members’ balances sum to {formatNumber(tieOut.balances.available)}, {formatNumber(tieOut.balances.pending)} and {formatNumber(tieOut.balances.debt)}. Run the
            ledger invariant check and look for a balance row changed outside the ledger before closing the period.
          </Alert>
        )}
      </section>

      <section className="mt-10" aria-labelledby="liability-heading">
        <SectionHeading id="liability-heading" title="Liability by month" csvHref={`/admin/accounting/liability.csv${query}`} csvLabel="liability by month">
          Outstanding points at each period’s end, their value, and the value net of the breakage expected at that date.
        </SectionHeading>
        {noPoints ? (
          <EmptyState as="h3" className="mt-3" title="No points yet" description="Once members earn points, what the program owes shows here month by month." />
        ) : (
          <LiabilityTable report={liability} />
        )}
      </section>

      <section className="mt-10" aria-labelledby="rollforward-heading">
        <SectionHeading id="rollforward-heading" title="Roll-forward" csvHref={`/admin/accounting/rollforward.csv${query}`} csvLabel="roll-forward">
          Opening + issued − reversed − redeemed + cancelled − expired ± adjusted = closing, in points.
        </SectionHeading>
        {noPoints ? (
          <EmptyState as="h3" className="mt-3" title="Nothing to roll forward" description="No points were issued, spent or expired yet." />
        ) : (
          <RollForwardTable ledger={ledger} />
        )}
      </section>

      <section className="mt-10" aria-labelledby="breakage-heading">
        <SectionHeading id="breakage-heading" title="Breakage" csvHref={`/admin/accounting/breakage.csv${query}`} csvLabel="breakage history">
          Lots closed in each period and the share of their points that expired.{" "}
          {breakage.asOf ? `As of ${formatDateTime(breakage.asOf)}.` : "Read from the lots now: the nightly job has not summarised them yet."}
        </SectionHeading>
        {breakage.toDate.lots === 0 ? (
          <EmptyState as="h3" className="mt-3" title="No closed lots yet" description="Breakage is estimated once lots of points have been spent or have expired." />
        ) : (
          <BreakageTable report={breakage} />
        )}
      </section>

      <section className="mt-10" aria-labelledby="expiry-heading">
        <SectionHeading id="expiry-heading" title="Expiry schedule" csvHref={`/admin/accounting/expiry.csv${query}`} csvLabel="expiry schedule">
          Points that expire in each of the next 12 months unless they are spent first. {expiry.live ? "Read from the lots now." : `As of ${formatDateTime(expiry.asOf)}.`}
        </SectionHeading>
        {expiring ? (
          <ExpiryTable schedule={expiry} />
        ) : (
          <EmptyState as="h3" className="mt-3" title="No open points" description="Points members hold show here by the month they expire." />
        )}
      </section>

      <section className="mt-10" aria-labelledby="method-heading">
        <h2 id="method-heading" className="text-lg font-semibold text-neutral-900">
          How these figures are calculated
        </h2>
        <MethodNotes pointValueCents={liability.pointValueCents} lotsAsOf={breakage.asOf} />
      </section>
    </div>
  );
}
