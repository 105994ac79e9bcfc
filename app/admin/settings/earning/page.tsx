import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/admin/back-link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { loadBrand } from "@/lib/brand/brand";
import { oneUnit } from "@/lib/brand/point-value";
import { listEarningRules } from "@/lib/earning/rules";
import { formatPoints } from "@/lib/format";
import { capLabel, holdLabel } from "@/lib/settings-admin/describe";
import { RULE_FIELDS } from "@/lib/settings-admin/schemas";
import { EARNING_RULE_IDS, type EarningRuleId } from "@/lib/earning/schemas";

export const metadata: Metadata = { title: "Earning rules · Admin" };

const isRuleId = (id: string): id is EarningRuleId => (EARNING_RULE_IDS as readonly string[]).includes(id);
/** Purchases first, then the bonuses, in the order the program lists them (unknown ids last). */
const order = (id: string) => (isRuleId(id) ? EARNING_RULE_IDS.indexOf(id) : EARNING_RULE_IDS.length);

export default async function EarningRulesPage() {
  await requireAdmin("/admin/settings/earning");
  const [stored, brand] = await Promise.all([listEarningRules(), loadBrand()]);
  const rules = [...stored].sort((a, b) => order(a.id) - order(b.id));

  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-10">
      <BackLink href="/admin/settings" label="Program settings" />
      <PageHeader
        className="mt-2"
        title="Earning rules"
        description="How members earn points. Rules are read at the moment of each award, so a change applies to the next one; points already posted never change."
      />

      {rules.length === 0 ? (
        <EmptyState className="mt-8" title="No earning rules yet" description="Run the seed (npm run db:seed) to create the program's rules, then tune them here." />
      ) : (
        <ul className="mt-8 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white" aria-label="Earning rules">
          {rules.map((rule) => {
            const fields = isRuleId(rule.id) ? RULE_FIELDS[rule.id] : null;
            const points = !fields?.points
              ? "Each plan's bonus points"
              : rule.id === "purchase"
                ? `${formatPoints(rule.points)} per ${oneUnit(brand.currency)}`
                : `${formatPoints(rule.points)} per award`;
            return (
              <li key={rule.id} className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0 space-y-1 text-sm">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="font-semibold text-neutral-900">{rule.name}</span>
                    <Badge tone={rule.active ? "success" : "neutral"} dot>
                      {rule.active ? "Active" : "Off"}
                    </Badge>
                    {rule.requiresApproval ? <Badge tone="warning">Needs approval</Badge> : null}
                  </p>
                  <p className="text-neutral-700">
                    {points}
                    {fields?.cap ? ` · ${capLabel(rule)}` : ""}
                    {fields?.hold ? ` · ${holdLabel(rule.holdDays)}` : ""}
                  </p>
                </div>
                {fields ? (
                  <Link href={`/admin/settings/earning/${rule.id}`} className={buttonClasses("secondary", "sm", "w-full sm:w-auto")} aria-label={`Edit ${rule.name}`}>
                    Edit
                  </Link>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
