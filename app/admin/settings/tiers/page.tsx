import type { Metadata } from "next";
import { BackLink } from "@/components/admin/back-link";
import { TiersForm } from "@/components/admin/settings/tiers-form";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { loadBrand } from "@/lib/brand/brand";
import { updateTiersAction } from "@/lib/settings-admin/actions";
import { getTierSettings, listTiers } from "@/lib/tiers/tiers";

export const metadata: Metadata = { title: "Tiers · Admin" };

export default async function TiersSettingsPage() {
  await requireAdmin("/admin/settings/tiers");
  const [tiers, settings, brand] = await Promise.all([listTiers(), getTierSettings(), loadBrand()]);

  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-10">
      <BackLink href="/admin/settings" label="Program settings" />
      <PageHeader
        className="mt-2"
        title="Tiers"
        description="Members climb the ladder by what they earn (or spend) over a rolling 12 months. Each tier starts above the one below it; the lowest starts at 0."
      />
      {tiers.length === 0 ? (
        <EmptyState className="mt-8" title="No tiers yet" description="Run the seed (npm run db:seed) to create Bronze, Silver, Gold and Platinum, then tune them here." />
      ) : (
        <Card className="mt-8">
          <CardContent>
            <TiersForm tiers={tiers} settings={settings} currency={brand.currency} action={updateTiersAction} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
