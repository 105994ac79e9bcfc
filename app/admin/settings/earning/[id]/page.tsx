import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/admin/back-link";
import { EarningRuleForm } from "@/components/admin/settings/earning-rule-form";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { loadBrand } from "@/lib/brand/brand";
import { oneUnit } from "@/lib/brand/point-value";
import { getEarningRule } from "@/lib/earning/rules";
import { EARNING_RULE_IDS, type EarningRuleId } from "@/lib/earning/schemas";
import { updateEarningRuleAction } from "@/lib/settings-admin/actions";

export const metadata: Metadata = { title: "Edit earning rule · Admin" };

const isRuleId = (id: string): id is EarningRuleId => (EARNING_RULE_IDS as readonly string[]).includes(id);

export default async function EditEarningRulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdmin(`/admin/settings/earning/${encodeURIComponent(id)}`);
  if (!isRuleId(id)) notFound();
  const [rule, brand] = await Promise.all([getEarningRule(id), loadBrand()]);
  if (!rule) notFound();

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10">
      <BackLink href="/admin/settings/earning" label="Earning rules" />
      <PageHeader className="mt-2" title={`Edit ${rule.name}`} description={`Rule “${rule.id}”: the reason code on its postings.`} />
      <Card className="mt-8">
        <CardContent>
          <EarningRuleForm rule={{ ...rule, id }} currencyUnit={oneUnit(brand.currency)} action={updateEarningRuleAction} />
        </CardContent>
      </Card>
    </div>
  );
}
