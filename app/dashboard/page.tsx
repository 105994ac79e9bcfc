import type { Metadata } from "next";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Your dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const firstName = user.name?.split(" ")[0];
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <PageHeader title="Your dashboard" description={`Welcome${firstName ? `, ${firstName}` : ""}. Signed in as ${user.email}.`} />
      <div className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Card>
          <CardHeader>
            <CardTitle>Points</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-3xl font-bold">0</p>
            <p className="mt-1 text-sm text-gray-600">You earn 5 points for every $1 you spend. Your points history will appear here.</p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Membership</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-lg font-semibold">Free member</p>
            <p className="mt-1 text-sm text-gray-600">Paid plans (Lifetime and Plus) add bonus points and member-only rewards.</p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Tier</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-lg font-semibold">Bronze</p>
            <p className="mt-1 text-sm text-gray-600">Earn points over 12 months to reach Silver, Gold and Platinum.</p>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
