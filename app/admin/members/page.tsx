import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/admin/back-link";
import { MemberList } from "@/components/admin/members/member-list";
import { MemberSearchForm } from "@/components/admin/members/member-search-form";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { memberSearchSchema, MEMBERS_PAGE_SIZE, type MemberSearchInput } from "@/lib/admin/members/schemas";
import { searchMembers } from "@/lib/admin/members/search";
import { requireAdmin } from "@/lib/auth/guards";
import { listPlans } from "@/lib/billing/plans";
import { listTiers } from "@/lib/tiers/tiers";

export const metadata: Metadata = { title: "Members · Admin" };

/** The list's URL with the same search and filters, at another page. */
function pageHref(values: MemberSearchInput, cursor: { after?: string; before?: string }): string {
  const params = new URLSearchParams();
  for (const key of ["q", "who", "plan", "tier", "status", "from", "to"] as const) {
    const value = values[key];
    if (value && !(key === "who" && value === "members")) params.set(key, value);
  }
  if (cursor.after) params.set("after", cursor.after);
  if (cursor.before) params.set("before", cursor.before);
  const query = params.toString();
  return query ? `/admin/members?${query}` : "/admin/members";
}

export default async function AdminMembersPage(props: PageProps<"/admin/members">) {
  await requireAdmin("/admin/members");
  const values = memberSearchSchema.parse(await props.searchParams);
  const [plans, tiers] = await Promise.all([listPlans({ activeOnly: false }), listTiers()]);
  const page = await searchMembers(values, tiers[0]?.id ?? "bronze");
  const tierName = Object.fromEntries(tiers.map((t) => [t.id, t.name]));
  const filtered = !!(values.q || values.plan || values.tier || values.status || values.from || values.to || values.who !== "members");
  const paged = !!(values.after || values.before);

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink />
      <PageHeader
        className="mt-2"
        title="Members"
        description="Find a member by email, name or referral code, then open their profile to see everything that happened to them, adjust points, set a tier floor or give a complimentary membership."
      />

      <div className="mt-6">
        <MemberSearchForm
          values={values}
          plans={plans.filter((p) => p.kind !== "free").map((p) => ({ id: p.id, name: p.name }))}
          tiers={tiers.map((t) => ({ id: t.id, name: t.name }))}
          joinedErrors={page.joined.ok ? null : page.joined.fieldErrors}
        />
      </div>

      <section className="mt-8" aria-labelledby="results-heading">
        <h2 id="results-heading" className="text-lg font-semibold text-neutral-900">
          {values.who === "customers" ? "Store customers without an account" : "Members"}
          <span className="sr-only">, newest first</span>
        </h2>
        {!page.joined.ok ? (
          <Alert tone="warning" className="mt-3">
            The joined dates can&apos;t be used (see the filter), so the list is not filtered by them.
          </Alert>
        ) : null}
        {page.note ? (
          <Alert tone="info" className="mt-3">
            {page.note}
          </Alert>
        ) : null}

        <div className="mt-3">
          {page.rows.length === 0 ? (
            filtered || paged ? (
              <EmptyState
                title={paged ? "No more members this way" : "No one matches"}
                description={
                  paged
                    ? "You've reached the end of the list."
                    : "Check the spelling, search by the start of the email address, or clear some filters. Names match from their start or by a whole word."
                }
                action={
                  <Link href="/admin/members" className={buttonClasses("secondary")}>
                    Show everyone
                  </Link>
                }
              />
            ) : (
              <EmptyState title="No members yet" description="People appear here when they sign in for the first time, or when a store order names a new customer." />
            )
          ) : (
            <MemberList rows={page.rows} tierName={tierName} />
          )}
        </div>

        {page.newer || page.older ? (
          <nav aria-label="Pages of members" className="mt-4 flex items-center justify-between gap-3">
            {page.newer ? (
              <Link href={pageHref(values, { before: page.newer })} rel="prev" className={buttonClasses("secondary", "sm")}>
                ← Newer
              </Link>
            ) : (
              <span />
            )}
            <p className="text-sm text-neutral-600">{MEMBERS_PAGE_SIZE} a page, newest first</p>
            {page.older ? (
              <Link href={pageHref(values, { after: page.older })} rel="next" className={buttonClasses("secondary", "sm")}>
                Older →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
