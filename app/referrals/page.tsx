import type { Metadata } from "next";
import { FunnelSteps, ReferralList } from "@/components/referrals/referral-funnel";
import { ReferralQr } from "@/components/referrals/referral-qr";
import { ReferralShare } from "@/components/referrals/referral-share";
import { getBrand } from "@/lib/brand/brand";
import { VanityCodeForm } from "@/components/referrals/vanity-code-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { getEnv } from "@/lib/env";
import { formatPoints } from "@/lib/format";
import { getOrCreateReferralCode } from "@/lib/referrals/codes";
import { referralFunnel } from "@/lib/referrals/funnel";
import { offerForFriend, refereeOffer, shareMessage } from "@/lib/referrals/offer";
import { getReferralSettings } from "@/lib/referrals/settings";
import { setVanityCodeAction } from "@/lib/referrals-ui/actions";

export const metadata: Metadata = { title: "Refer a friend" };

export default async function ReferralsPage() {
  const user = await requireUser("/referrals");
  const [codes, funnel, settings] = await Promise.all([getOrCreateReferralCode(user.id), referralFunnel(user.id), getReferralSettings()]);
  const url = `${getEnv().APP_URL.replace(/\/$/, "")}/r/${encodeURIComponent(codes.shareCode)}`;
  const offer = refereeOffer(settings);
  const { programName } = await getBrand();
  const friendGets = offerForFriend(offer);
  const youGet = `${formatPoints(settings.rewardPoints)} when they join a paid plan`;
  const deal = friendGets ? `Your friend gets ${friendGets}, and you get ${youGet}.` : `You get ${youGet}.`;

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <PageHeader title="Refer a friend" description={deal} />

      <div className="mt-8 grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader>
            <CardTitle>Share your link</CardTitle>
            <CardDescription>Anyone who signs up through it within {settings.windowDays} days counts as your referral.</CardDescription>
          </CardHeader>
          <CardContent>
            <ReferralShare url={url} message={shareMessage(offer, url, programName)} programName={programName} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Show it in store</CardTitle>
            <CardDescription>Your friend scans this with their phone camera.</CardDescription>
          </CardHeader>
          <CardContent className="flex justify-center">
            <ReferralQr url={url} className="size-48 rounded-lg bg-white p-2 ring-1 ring-neutral-200 [&_svg]:size-full" />
          </CardContent>
        </Card>
      </div>

      <Card className="mt-4">
        <CardHeader>
          <CardTitle>{codes.vanity ? "Your code" : "Choose your own code"}</CardTitle>
          <CardDescription>
            {codes.vanity
              ? `Your link uses ${codes.vanity}. A code can be chosen only once.`
              : `Swap ${codes.code} for something easier to say out loud. Your current link keeps working.`}
          </CardDescription>
        </CardHeader>
        {codes.vanity ? null : (
          <CardContent>
            <VanityCodeForm action={setVanityCodeAction} />
          </CardContent>
        )}
      </Card>

      <section className="mt-10" aria-labelledby="funnel-heading">
        <h2 id="funnel-heading" className="text-lg font-semibold text-neutral-900">
          How your referrals are doing
        </h2>
        <div className="mt-3">
          <FunnelSteps counts={funnel} />
        </div>
        <div className="mt-4">
          {funnel.referrals.length === 0 ? (
            <EmptyState
              title="No referrals yet"
              description={`Here's how it works: share your link. ${deal} Points stay pending for ${settings.holdDays} days in case the payment is refunded.`}
            />
          ) : (
            <ReferralList referrals={funnel.referrals} />
          )}
        </div>
      </section>
    </div>
  );
}
