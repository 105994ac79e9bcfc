import { BackLink } from "@/components/admin/back-link";
import type { Metadata } from "next";
import { RewardForm } from "@/components/admin/reward-form";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { createRewardAction } from "@/lib/rewards/admin-actions";
import { listTierChoices } from "@/lib/rewards/admin";

export const metadata: Metadata = { title: "New reward · Admin" };

export default async function NewRewardPage() {
  await requireAdmin("/admin/rewards/new");
  const tiers = await listTierChoices();
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10">
      <BackLink href="/admin/rewards" label="All rewards" />
      <PageHeader className="mt-2" title="New reward" description="Start as a draft, preview it, then make it active. Experiences get their sessions on the next page." />
      <Card className="mt-8">
        <CardContent>
          <RewardForm tiers={tiers} action={createRewardAction} />
        </CardContent>
      </Card>
    </div>
  );
}
