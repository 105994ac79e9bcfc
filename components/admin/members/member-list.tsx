import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { membershipSummary } from "@/lib/admin/members/display";
import type { MemberListRow } from "@/lib/admin/members/search";
import { formatDate, formatPoints } from "@/lib/format";

const TIER_TONES = new Set<BadgeTone>(["bronze", "silver", "gold", "platinum"]);

export function TierBadge({ id, name }: { id: string; name: string }) {
  return (
    <Badge tone={TIER_TONES.has(id as BadgeTone) ? (id as BadgeTone) : "neutral"} dot>
      {name}
    </Badge>
  );
}

function Who({ row }: { row: MemberListRow }) {
  return (
    <>
      <Link href={`/admin/members/${row.profileId}`} className="font-medium break-all text-brand-700 underline-offset-2 hover:underline">
        {row.name ?? row.email}
      </Link>
      {row.name ? <span className="block break-all text-neutral-600">{row.email}</span> : null}
      {row.role === "admin" ? (
        <Badge tone="brand" className="mt-1">
          Admin
        </Badge>
      ) : null}
      {!row.userId ? <span className="block text-neutral-600">Store customer, no account</span> : null}
    </>
  );
}

/** The search results: a card per member on phones, a table from `md` up. */
export function MemberList({ rows, tierName }: { rows: MemberListRow[]; tierName: Record<string, string> }) {
  const membership = (row: MemberListRow) => (row.userId ? membershipSummary(row.membership, formatDate) : "—");
  return (
    <>
      <ul className="space-y-3 md:hidden" aria-label="Members">
        {rows.map((row) => (
          <li key={row.profileId}>
            <Card>
              <CardContent className="space-y-3 text-sm">
                <div className="min-w-0">
                  <Who row={row} />
                </div>
                <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5">
                  <dt className="text-neutral-600">Membership</dt>
                  <dd>{membership(row)}</dd>
                  <dt className="text-neutral-600">Tier</dt>
                  <dd>
                    <TierBadge id={row.tierId} name={tierName[row.tierId] ?? row.tierId} />
                  </dd>
                  <dt className="text-neutral-600">Points</dt>
                  <dd className="tabular-nums">
                    {formatPoints(row.available)}
                    {row.pending ? <span className="text-neutral-600"> (+{row.pending.toLocaleString("en-US")} pending)</span> : null}
                  </dd>
                  <dt className="text-neutral-600">Joined</dt>
                  <dd>{formatDate(row.joinedAt)}</dd>
                </dl>
                <Link href={`/admin/members/${row.profileId}`} className={buttonClasses("secondary", "sm", "w-full")}>
                  Open profile<span className="sr-only"> of {row.name ?? row.email}</span>
                </Link>
              </CardContent>
            </Card>
          </li>
        ))}
      </ul>

      <div className="hidden overflow-x-auto rounded-lg border border-neutral-200 bg-white md:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Members, newest first</caption>
          <thead className="bg-neutral-50 text-neutral-700">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Member
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Membership
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Tier
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium">
                Points
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Joined
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-neutral-200">
            {rows.map((row) => (
              <tr key={row.profileId} className="align-top">
                <th scope="row" className="max-w-72 px-4 py-3 font-normal">
                  <Who row={row} />
                </th>
                <td className="px-4 py-3">{membership(row)}</td>
                <td className="px-4 py-3">
                  <TierBadge id={row.tierId} name={tierName[row.tierId] ?? row.tierId} />
                </td>
                <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums">
                  {row.available.toLocaleString("en-US")}
                  {row.pending ? <span className="block text-neutral-600">+{row.pending.toLocaleString("en-US")} pending</span> : null}
                </td>
                <td className="px-4 py-3 whitespace-nowrap">{formatDate(row.joinedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
