import { CoverImage } from "@/components/ui/cover-image";
import { Badge, type TierName } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import type { ExperienceSession, Reward } from "@/db/schema";
import { formatDateTime, formatMoney, formatPoints } from "@/lib/format";
import { KIND_LABELS } from "@/lib/rewards/schemas";

type Props = {
  reward: Reward;
  /** From rewardImageSrc(): the stored upload or the external link. */
  imageSrc: string | null;
  /** renderMarkdown(reward.description): sanitised HTML, the only HTML this component trusts. */
  descriptionHtml: string;
  excerpt: string;
  sessions: ExperienceSession[];
};

function offer(reward: Reward): string | null {
  const d = reward.discount;
  if (!d) return null;
  const value = d.type === "amount" ? `${formatMoney(d.value)} off` : `${d.value}% off`;
  return d.expiresInDays ? `${value}, code valid ${d.expiresInDays} days` : value;
}

const TIER_TONES: TierName[] = ["bronze", "silver", "gold", "platinum"];

function Gates({ reward }: { reward: Reward }) {
  return (
    <div className="flex flex-wrap gap-2">
      <Badge tone="brand">{KIND_LABELS[reward.kind]}</Badge>
      {reward.minTierId ? <Badge tone={TIER_TONES.includes(reward.minTierId as TierName) ? (reward.minTierId as TierName) : "neutral"}>{reward.minTierId} and above</Badge> : null}
      {reward.paidMembersOnly ? <Badge tone="warning">Paid members</Badge> : null}
      {reward.stock !== null ? <Badge>{reward.stock === 0 ? "Sold out" : `${reward.stock} left`}</Badge> : null}
    </div>
  );
}

const descriptionClasses =
  "space-y-3 text-neutral-800 [&_a]:font-medium [&_a]:text-brand-700 [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-neutral-200 [&_blockquote]:pl-4 [&_code]:rounded [&_code]:bg-neutral-100 [&_code]:px-1 [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6";

/** The reward as a member would see it: its catalog card and its detail page. */
export function RewardPreview({ reward, imageSrc, descriptionHtml, excerpt, sessions }: Props) {
  const upcoming = sessions.filter((s) => s.status === "scheduled");
  return (
    <div className="grid gap-8 lg:grid-cols-[18rem_1fr]">
      <section aria-labelledby="preview-card">
        <h2 id="preview-card" className="mb-3 text-sm font-semibold tracking-wide text-neutral-600 uppercase">
          Catalog card
        </h2>
        <Card className="overflow-hidden">
          {imageSrc ? (
            <CoverImage src={imageSrc} alt="" className="aspect-[3/2] w-full" />
          ) : (
            <div aria-hidden="true" className="aspect-[3/2] w-full bg-gradient-to-br from-brand-100 to-brand-300" />
          )}
          <CardContent className="space-y-2">
            <p className="font-semibold text-neutral-900">{reward.title}</p>
            {excerpt ? <p className="text-sm text-neutral-600">{excerpt}</p> : null}
            <p className="font-medium text-brand-800">{formatPoints(reward.pointsCost)}</p>
          </CardContent>
        </Card>
      </section>

      <section aria-labelledby="preview-detail">
        <h2 id="preview-detail" className="mb-3 text-sm font-semibold tracking-wide text-neutral-600 uppercase">
          Detail page
        </h2>
        <Card>
          <CardContent className="space-y-5">
            <div className="space-y-2">
              <p className="text-2xl font-semibold text-neutral-900">{reward.title}</p>
              <Gates reward={reward} />
            </div>
            <p className="text-lg font-medium text-brand-800">
              {formatPoints(reward.pointsCost)}
              {offer(reward) ? <span className="text-neutral-600"> · {offer(reward)}</span> : null}
            </p>
            {reward.cause ? <p className="text-sm text-neutral-700">Goes to: {reward.cause}</p> : null}
            {/* Sanitised by lib/rewards/markdown.ts: no scripts, handlers or javascript: links. */}
            <div className={descriptionClasses} dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
            {reward.kind === "experience" ? (
              upcoming.length ? (
                <ul className="divide-y divide-neutral-200 rounded-lg border border-neutral-200">
                  {upcoming.map((s) => (
                    <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
                      <span>
                        <span className="block font-medium">{formatDateTime(s.startsAt)}</span>
                        <span className="text-neutral-600">{s.location ?? "Online"}</span>
                      </span>
                      <span className="text-neutral-700">
                        {s.mode === "draw" ? "Fair draw" : `${s.capacity - s.booked} of ${s.capacity} seats left`}
                        {s.pointsCost ? ` · ${formatPoints(s.pointsCost)}` : ""}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-neutral-600">No sessions scheduled yet.</p>
              )
            ) : null}
          </CardContent>
        </Card>
      </section>
    </div>
  );
}
