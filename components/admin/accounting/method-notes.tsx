import { formatDateTime } from "@/lib/format";

/** How each figure is calculated, for the finance team and the auditors (the issue: "state the method on the page"). */
export function MethodNotes({ pointValueCents, lotsAsOf }: { pointValueCents: number; lotsAsOf: Date | null }) {
  const term = "font-medium text-neutral-900";
  return (
    <dl className="mt-3 space-y-4 text-sm text-neutral-700">
      <div>
        <dt className={term}>Outstanding liability</dt>
        <dd>
          Available + pending − debt points of every member at the end of the period, valued at today’s value of a point ({pointValueCents} ¢). Pending points are
          earned but on hold (e.g. a referral inside its hold period); they count because the program expects to honour them. Debt is what members owe after a refund took
          back points they had already spent; their next earnings repay it before anything becomes spendable, so it counts as negative liability.
        </dd>
      </div>
      <div>
        <dt className={term}>Roll-forward</dt>
        <dd>
          Opening balance + issued − reversed − redeemed + redemptions cancelled − expired ± adjusted = closing balance. Balances are the sums of the members’ ledger accounts
          (available, pending, debt); movements are the sums of the program’s accounts (issued, redeemed, expired, adjusted, reversed) over the period’s postings, by their
          effective date in UTC. Every posting sums to zero (the database refuses one that does not), so the two sides must agree; the total to date is also checked
          against the sum of the members’ balance rows. A posting dated in the past (an imported order) changes the period it is dated in.
        </dd>
      </div>
      <div>
        <dt className={term}>Breakage rate</dt>
        <dd>
          Of the points in lots that have closed (fully spent, expired or taken back), the share that expired: expired ÷ (expired + redeemed). “Rate to date” counts every
          lot closed before the period’s end; it is the estimate used for that period. Until a lot has closed there is no history and no breakage is assumed.
        </dd>
      </div>
      <div>
        <dt className={term}>Liability net of breakage</dt>
        <dd>
          Liability × (1 − breakage rate): the value of the points the program expects to be redeemed (ASC 606-style). Expected breakage is recognised in proportion to
          redemptions (ASC 606-10-55-48): each point redeemed, net of cancelled redemptions, releases breakage ÷ (1 − breakage) points of expected breakage, valued at a
          point’s value — “Breakage recognised”. When every closed point expired, no redemption is expected and the column shows “—”.
        </dd>
      </div>
      <div>
        <dt className={term}>Expiry schedule</dt>
        <dd>
          Points left in open lots by the month their lot expires, for the next 12 months from {lotsAsOf ? formatDateTime(lotsAsOf) : "now"}; pending points expire on their
          lot’s date too. Lots already past their date expire at the next nightly run and are counted in the first month. It does not depend on the date range.
        </dd>
      </div>
      <div>
        <dt className={term}>Freshness</dt>
        <dd>
          The nightly job sums the ledger by day and account; the postings made since are added as the page loads, so balances and the roll-forward are exact to the
          moment. The lot figures (breakage, expiry schedule) are {lotsAsOf ? `as of the nightly run of ${formatDateTime(lotsAsOf)}` : "read from the lots as the page loads until the nightly job first runs"}.
        </dd>
      </div>
    </dl>
  );
}
