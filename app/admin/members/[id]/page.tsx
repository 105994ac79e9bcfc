import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { BackLink } from "@/components/admin/back-link";
import { AdjustPointsForm } from "@/components/admin/members/adjust-points-form";
import { GrantCompForm, RevokeCompForm } from "@/components/admin/members/comp-membership-forms";
import { TierBadge } from "@/components/admin/members/member-list";
import { MemberTimeline } from "@/components/admin/members/member-timeline";
import { SignInLinkForm } from "@/components/admin/members/sign-in-link-form";
import { TierFloorForm } from "@/components/admin/members/tier-floor-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { adjustPointsAction, grantCompMembershipAction, revokeCompMembershipAction, sendSignInLinkAction } from "@/lib/admin/members/actions";
import { statusLabel } from "@/lib/admin/members/display";
import { getMemberProfile, resolveMember } from "@/lib/admin/members/profile";
import { timelineCursorSchema } from "@/lib/admin/members/schemas";
import { memberTimeline } from "@/lib/admin/members/timeline";
import { requireAdmin } from "@/lib/auth/guards";
import { listPlans } from "@/lib/billing/plans";
import { loadBrand } from "@/lib/brand/brand";
import { formatDate, formatDateTime, formatMoney, formatPoints } from "@/lib/format";
import { setManualFloorAction } from "@/lib/tiers/actions";
import { Stat } from "@/components/admin/stat";

export const metadata: Metadata = { title: "Member · Admin" };

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A member's profile: balances, tier and floor, memberships, the admin's tools (points adjustment,
 * tier floor, complimentary membership, sign-in link) and one timeline of everything. The id is the
 * user id; a store customer without an account is shown by customer id (see lib/admin/members/profile.ts).
 */
export default async function MemberProfilePage({ params, searchParams }: PageProps<"/admin/members/[id]">) {
  const { id } = await params;
  await requireAdmin(`/admin/members/${encodeURIComponent(id)}`);
  const resolved = await resolveMember(id);
  if (!resolved) notFound();
  if (resolved.kind === "redirect") redirect(`/admin/members/${encodeURIComponent(resolved.userId)}`);
  const { user, customer } = resolved;
  const before = timelineCursorSchema.parse((await searchParams).before);

  const [profile, timeline, plans, brand] = await Promise.all([
    getMemberProfile({ user, customer }),
    memberTimeline({ userId: user?.id ?? null, customerId: customer.id, emails: [customer.email, ...(user ? [user.email] : [])] }, before),
    listPlans({ activeOnly: false }),
    loadBrand(),
  ]);
  const tierName = Object.fromEntries(profile.tiers.map((t) => [t.id, t.name]));
  const liveComp = profile.memberships.find((m) => m.comp && m.live) ?? null;
  const livePaid = profile.memberships.find((m) => !m.comp && m.live) ?? null;
  const paidPlans = plans.filter((p) => p.kind !== "free" && (p.active || p.id === liveComp?.planId)).map((p) => ({ id: p.id, name: p.name }));
  const base = `/admin/members/${encodeURIComponent(id)}`;
  const { balance, progress, floor } = profile;

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink href="/admin/members" label="Members" />
      <PageHeader
        className="mt-2"
        title={<span className="break-all">{user?.name ?? customer.name ?? customer.email}</span>}
        description={
          user
            ? `${user.email} · joined ${formatDate(user.createdAt)}${profile.referralCodes.length ? ` · referral code ${profile.referralCodes.join(", ")}` : ""}`
            : `${customer.email} · a store customer without an account, known since ${formatDate(customer.createdAt)}`
        }
        actions={user?.role === "admin" ? <Badge tone="brand">Admin</Badge> : !user ? <Badge>No account</Badge> : null}
      />

      <section className="mt-8" aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="sr-only">
          Summary
        </h2>
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <Stat label="Available" value={balance.available.toLocaleString("en-US")} detail="points to spend" />
          <Stat label="Pending" value={balance.pending.toLocaleString("en-US")} detail="on hold, not spendable yet" />
          <Stat label="Debt" value={balance.debt.toLocaleString("en-US")} detail="owed after refunds; paid from new points" />
          <Stat label="Lifetime earned" value={balance.lifetimeEarned.toLocaleString("en-US")} detail={`${balance.lifetimeRedeemed.toLocaleString("en-US")} redeemed`} />
        </dl>
        <div className="mt-3 grid gap-3 md:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Tier</CardTitle>
            </CardHeader>
            <CardContent className="space-y-2 pt-2! text-sm sm:pt-2!">
              {progress ? (
                <>
                  <p className="flex flex-wrap items-center gap-2">
                    <TierBadge id={progress.tier.id} name={progress.tier.name} />
                    <span className="text-neutral-600">
                      {progress.metric === "points" ? `${formatPoints(progress.qualifyingValue)} earned` : `${formatMoney(progress.qualifyingValue, brand.currency)} spent`} in the last 12 months
                    </span>
                  </p>
                  {progress.next ? <p className="text-neutral-600">{progress.needed.toLocaleString("en-US")} more to reach {progress.next.name}.</p> : null}
                  {progress.downgradeAfter ? <p className="text-warning-800">Drops a tier after {formatDate(progress.downgradeAfter)} unless they qualify again.</p> : null}
                </>
              ) : (
                <p className="text-neutral-600">No tiers are configured.</p>
              )}
              <p>
                {floor ? (
                  floor.active ? (
                    <>
                      Floor: at least <strong>{floor.tierName}</strong> until {formatDateTime(floor.until)}.
                    </>
                  ) : (
                    <>
                      Floor: {floor.tierName} ended {formatDateTime(floor.until)}.
                    </>
                  )
                ) : (
                  "No tier floor."
                )}
              </p>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Membership</CardTitle>
            </CardHeader>
            <CardContent className="space-y-2 pt-2! text-sm sm:pt-2!">
              {!user ? (
                <p className="text-neutral-600">Memberships need an account: this customer hasn&apos;t signed up yet.</p>
              ) : liveComp ? (
                <p>
                  <strong>{liveComp.plan.name}</strong> · complimentary until {liveComp.currentPeriodEnd ? formatDate(liveComp.currentPeriodEnd) : "further notice"}
                </p>
              ) : livePaid ? (
                <p>
                  <strong>{livePaid.plan.name}</strong> · {statusLabel(livePaid.status)}
                  {livePaid.currentPeriodEnd ? ` · ${livePaid.cancelAtPeriodEnd ? "ends" : "renews"} ${formatDate(livePaid.currentPeriodEnd)}` : ""}
                </p>
              ) : (
                <p>Free member — no paid membership now.</p>
              )}
            </CardContent>
          </Card>
        </div>
      </section>

      <section className="mt-10" aria-labelledby="tools-heading">
        <h2 id="tools-heading" className="text-lg font-semibold text-neutral-900">
          Changes
        </h2>
        <p className="mt-1 text-sm text-neutral-600">Each change is recorded in the audit log with your name and reason.</p>
        <div className="mt-3 grid gap-4 md:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle as="h3">Adjust points</CardTitle>
              <CardDescription>A posting in the member&apos;s history; it never counts towards tiers.</CardDescription>
            </CardHeader>
            <CardContent>
              <AdjustPointsForm customerId={customer.id} available={balance.available} programName={brand.programName} idempotencyKey={randomUUID()} action={adjustPointsAction} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle as="h3">Tier floor</CardTitle>
              <CardDescription>Keep the member at least at a tier until a date; a higher qualified tier still applies.</CardDescription>
            </CardHeader>
            <CardContent>
              <TierFloorForm
                customerId={customer.id}
                tiers={profile.tiers.map((t) => ({ id: t.id, name: t.name }))}
                current={floor?.active ? { tierId: floor.tierId, untilDay: day(floor.until) } : null}
                action={setManualFloorAction}
              />
            </CardContent>
          </Card>
          {user ? (
            <Card>
              <CardHeader>
                <CardTitle as="h3">Complimentary membership</CardTitle>
                <CardDescription>
                  A paid plan&apos;s benefits until a date, without payment. It ends by itself on that date; no bonus points, no referral reward.
                </CardDescription>
              </CardHeader>
              <CardContent className="space-y-6">
                {livePaid ? (
                  <p className="text-sm text-neutral-700">
                    {user.email} has a paid {livePaid.plan.name} membership. A complimentary one can be granted once it ends.
                  </p>
                ) : (
                  <GrantCompForm
                    userId={user.id}
                    plans={paidPlans}
                    current={liveComp?.currentPeriodEnd ? { planId: liveComp.planId, lastDay: day(liveComp.currentPeriodEnd) } : null}
                    action={grantCompMembershipAction}
                  />
                )}
                {liveComp ? (
                  <div className="border-t border-neutral-200 pt-5">
                    <RevokeCompForm membershipId={liveComp.id} planName={liveComp.plan.name} action={revokeCompMembershipAction} />
                  </div>
                ) : null}
              </CardContent>
            </Card>
          ) : null}
          {user ? (
            <Card>
              <CardHeader>
                <CardTitle as="h3">Sign-in link</CardTitle>
                <CardDescription>Emails {user.email} the same one-time link as the sign-in page, under the same limits (one a minute, five in 15 minutes).</CardDescription>
              </CardHeader>
              <CardContent>
                <SignInLinkForm userId={user.id} email={user.email} action={sendSignInLinkAction} />
              </CardContent>
            </Card>
          ) : null}
        </div>
      </section>

      {user ? (
        <section className="mt-10" aria-labelledby="memberships-heading">
          <h2 id="memberships-heading" className="text-lg font-semibold text-neutral-900">
            Memberships
          </h2>
          {profile.memberships.length === 0 ? (
            <p className="mt-2 text-sm text-neutral-600">None yet: a free member.</p>
          ) : (
            <div className="mt-3 overflow-x-auto rounded-lg border border-neutral-200 bg-white">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Memberships, newest first</caption>
                <thead className="bg-neutral-50 text-neutral-700">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Plan
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Status
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Started
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Ends or ended
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-neutral-200">
                  {profile.memberships.map((m) => (
                    <tr key={m.id}>
                      <th scope="row" className="px-4 py-2 font-medium">
                        {m.plan.name}
                        <span className="block font-normal text-neutral-600">{m.comp ? "Complimentary" : "Stripe"}</span>
                      </th>
                      <td className="px-4 py-2">
                        <Badge tone={m.live ? "success" : "neutral"}>{m.comp && m.live ? "Complimentary" : statusLabel(m.status)}</Badge>
                      </td>
                      <td className="px-4 py-2 whitespace-nowrap">{formatDate(m.startedAt)}</td>
                      <td className="px-4 py-2 whitespace-nowrap">
                        {m.endedAt ? formatDate(m.endedAt) : m.currentPeriodEnd ? formatDate(m.currentPeriodEnd) : m.plan.kind === "one_time" ? "Never (lifetime)" : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      <section className="mt-10 scroll-mt-4" id="timeline" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="text-lg font-semibold text-neutral-900">
          Timeline
        </h2>
        <p className="mt-1 text-sm text-neutral-600">Orders, points, memberships, referrals, redemptions, emails, tier and admin changes — newest first.</p>
        <div className="mt-3">
          <MemberTimeline
            page={timeline}
            tierName={tierName}
            olderHref={timeline.older ? `${base}?${new URLSearchParams({ before: timeline.older })}#timeline` : null}
            newestHref={before ? `${base}#timeline` : null}
          />
        </div>
      </section>
    </div>
  );
}
