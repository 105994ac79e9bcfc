import type { Metadata } from "next";
import { BackLink } from "@/components/admin/back-link";
import { PointsPolicyForm } from "@/components/admin/settings/points-policy-form";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { loadBrand } from "@/lib/brand/brand";
import { getPointsPolicy } from "@/lib/ledger/policy";
import { updatePointsPolicyAction } from "@/lib/settings-admin/actions";

export const metadata: Metadata = { title: "Points expiry and value · Admin" };

export default async function PointsPolicyPage() {
  await requireAdmin("/admin/settings/expiry");
  const [policy, brand] = await Promise.all([getPointsPolicy(), loadBrand()]);

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10">
      <BackLink href="/admin/settings" label="Program settings" />
      <PageHeader className="mt-2" title="Points expiry and value" description="When earned points expire, and what a point is worth to members." />
      <Card className="mt-8">
        <CardContent>
          <PointsPolicyForm policy={policy} currency={brand.currency} action={updatePointsPolicyAction} />
        </CardContent>
      </Card>
    </div>
  );
}
