import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { controlClasses, Input } from "@/components/ui/input";
import { MEMBERSHIP_STATUSES, MEMBERSHIP_STATUS_LABELS, type MemberSearchInput } from "@/lib/admin/members/schemas";

type Option = { id: string; name: string };

const selectClasses = cn(controlClasses, "h-11 sm:h-10");

/**
 * The members search: a plain GET form (works without JavaScript, the URL can be shared or
 * bookmarked). Submitting starts again from the newest page.
 */
export function MemberSearchForm({
  values,
  plans,
  tiers,
  joinedErrors,
}: {
  values: MemberSearchInput;
  plans: Option[];
  tiers: Option[];
  joinedErrors: { from?: string[]; to?: string[] } | null;
}) {
  return (
    <form method="get" action="/admin/members" role="search" aria-label="Find members" className="space-y-4 rounded-lg border border-neutral-200 bg-white p-4 sm:p-5">
      <div>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <Field label="Search" name="q" className="min-w-0 flex-1">
            <Input type="search" defaultValue={values.q} maxLength={200} autoComplete="off" spellCheck={false} aria-describedby="member-search-hint" />
          </Field>
          <button type="submit" className={buttonClasses("primary")}>
            Search
          </button>
        </div>
        <p id="member-search-hint" className="mt-1.5 text-sm text-neutral-600">
          Email or name from the start, any whole word of a name, or a referral code.
        </p>
      </div>
      <fieldset>
        <legend className="text-sm font-semibold text-neutral-900">Filters</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <Field label="Who" name="who">
            <select defaultValue={values.who} className={selectClasses}>
              <option value="members">Members (with an account)</option>
              <option value="customers">Store customers without an account</option>
            </select>
          </Field>
          <Field label="Plan" name="plan">
            <select defaultValue={values.plan} className={selectClasses}>
              <option value="">Any plan</option>
              <option value="none">No membership (free)</option>
              {plans.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Membership status" name="status">
            <select defaultValue={values.status} className={selectClasses}>
              <option value="">Any status</option>
              {MEMBERSHIP_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {MEMBERSHIP_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Tier" name="tier">
            <select defaultValue={values.tier} className={selectClasses}>
              <option value="">Any tier</option>
              {tiers.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Joined from" name="from" error={joinedErrors?.from?.[0]}>
            <Input type="date" defaultValue={values.from} />
          </Field>
          <Field label="Joined to" name="to" error={joinedErrors?.to?.[0]} hint="Both days included (UTC); either can be left empty.">
            <Input type="date" defaultValue={values.to} />
          </Field>
        </div>
      </fieldset>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonClasses("secondary", "sm")}>
          Apply filters
        </button>
        <Link href="/admin/members" className={buttonClasses("ghost", "sm")}>
          Clear all
        </Link>
      </div>
    </form>
  );
}
