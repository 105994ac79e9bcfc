import type pg from "pg";
import type { PlanBenefits } from "@/db/schema";
import { DEFAULT_REFERRAL_SETTINGS } from "@/lib/referrals/schemas";
import type { TierInfo } from "@/lib/tiers/qualify";
import { scaleUuid, seedTag as tagOf } from "./random";

/**
 * The program the scale seed fills: read from the database after the regular seed (plans, tiers,
 * earning rules, points and referral settings, the rewards catalog), so generated members earn,
 * spend and expire by the rules the app would apply. The seed adds what a large program also has:
 * a store integration, fortnightly sessions for each experience, an onboarding NPS survey.
 */

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** The program's history: members joined over the last 24 months. */
export const HISTORY_DAYS = 730;
/** Emails of generated people end with this; its presence means a database already holds a scale seed. */
export const SCALE_EMAIL_DOMAIN = "scale.cairn.test";

/** Entity kinds in generated UUIDs (random.ts scaleUuid). */
export const KIND = {
  user: 1,
  memberCustomer: 2,
  shopperCustomer: 3,
  membership: 4,
  memberOrder: 5,
  shopperOrder: 6,
  memberRefund: 7,
  shopperRefund: 8,
  redemption: 9,
  ticket: 10,
  click: 11,
  referral: 12,
  claim: 13,
  invitation: 14,
  session: 15,
  integration: 16,
  survey: 17,
} as const;

export type ScalePlan = { id: string; name: string; kind: "free" | "one_time" | "recurring"; interval: "month" | "year" | null; priceCents: number; trialDays: number; benefits: PlanBenefits };
export type ScaleRule = { active: boolean; points: number; holdDays: number };
export type ScaleReward = { id: string; title: string; kind: "discount" | "product" | "service" | "donation" | "experience"; pointsCost: number; perMemberLimit: number | null; minTierRank: number | null; paidMembersOnly: boolean };
export type ScaleSession = { id: string; rewardId: string; startsAt: number; endsAt: number; capacity: number; cutoffHours: number; pointsCost: number | null };

export type ScaleProgram = {
  seed: number;
  seedTag: string;
  members: number;
  now: number;
  start: number;
  expiryMonths: number | null;
  tiers: TierInfo[];
  tierMetric: "points" | "spend";
  plans: Map<string, ScalePlan>;
  rules: Record<"purchase" | "signup" | "birthday" | "review" | "survey" | "membership", ScaleRule>;
  referral: { rewardPoints: number; holdDays: number };
  rewards: ScaleReward[];
  sessionsByReward: Map<string, ScaleSession[]>;
  integrationId: string;
  adminId: string | null;
  survey: { id: string; delayDays: number } | null;
  /**
   * The analytics holdout (lib/analytics/holdout.ts), when the schema has it: customers created
   * since `since` are drawn into control with `share` probability; control gets no bonus campaigns.
   */
  holdout: { since: number; share: number } | null;
  /** customers.experiment_group exists (the analytics schema is migrated). */
  hasExperimentGroup: boolean;
  currency: string;
};

/** Seats taken per session, carried from batch to batch (capacity is enforced across the whole run). */
export type GeneratorState = { booked: Map<string, number> };

type Json = Record<string, unknown>;

/** Reads the program and writes the seed's fixed parts (integration, sessions, survey) in one transaction. */
export async function prepareProgram(client: pg.Client, input: { seed: number; members: number; now: number }): Promise<ScaleProgram> {
  const tag = tagOf(input.seed);
  const start = input.now - HISTORY_DAYS * DAY;
  const setting = async (key: string): Promise<Json> => ((await client.query<{ value: Json }>("select value from settings where key = $1", [key])).rows[0]?.value ?? {}) as Json;

  const points = await setting("points");
  const tierSettings = await setting("tiers");
  const referral = await setting("referrals");
  const program = await setting("program");

  const tiers = (
    await client.query<{ id: string; name: string; threshold: number; multiplier: string; benefits: string[]; sort_order: number }>("select id, name, threshold, multiplier, benefits, sort_order from tiers order by sort_order")
  ).rows.map((t) => ({ id: t.id, name: t.name, threshold: t.threshold, multiplier: Number(t.multiplier), benefits: t.benefits, sortOrder: t.sort_order }));
  if (!tiers.length) throw new Error("The program has no tiers: run the regular seed first (npm run db:seed).");
  const rank = new Map(tiers.map((t) => [t.id, t.sortOrder]));

  const plans = new Map(
    (await client.query<{ id: string; name: string; kind: ScalePlan["kind"]; interval: ScalePlan["interval"]; price_cents: number; trial_days: number; benefits: PlanBenefits }>("select id, name, kind, interval, price_cents, trial_days, benefits from plans where active")).rows.map(
      (p) => [p.id, { id: p.id, name: p.name, kind: p.kind, interval: p.interval, priceCents: p.price_cents, trialDays: p.trial_days, benefits: p.benefits }],
    ),
  );

  const ruleRows = (await client.query<{ id: string; active: boolean; points: number; hold_days: number }>("select id, active, points, hold_days from earning_rules")).rows;
  const rule = (id: string): ScaleRule => {
    const r = ruleRows.find((x) => x.id === id);
    return r ? { active: r.active && r.points > 0, points: r.points, holdDays: r.hold_days } : { active: false, points: 0, holdDays: 0 };
  };
  const membershipRule = ruleRows.find((r) => r.id === "membership");

  // Rewards a member can take at any point of the past two years: active, no stock to run out, no publishing window.
  const rewards = (
    await client.query<{ id: string; title: string; kind: ScaleReward["kind"]; points_cost: number; per_member_limit: number | null; min_tier_id: string | null; paid_members_only: boolean }>(
      "select id, title, kind, points_cost, per_member_limit, min_tier_id, paid_members_only from rewards where status = 'active' and stock is null and publish_at is null and unpublish_at is null order by sort_order, slug",
    )
  ).rows.map((r) => ({ id: r.id, title: r.title, kind: r.kind, pointsCost: r.points_cost, perMemberLimit: r.per_member_limit, minTierRank: r.min_tier_id ? (rank.get(r.min_tier_id) ?? null) : null, paidMembersOnly: r.paid_members_only }));

  const [admin] = (await client.query<{ id: string }>("select id from users where role = 'admin' order by created_at, email limit 1")).rows;

  let hasGroups = false;
  await client.query("begin");
  try {
    const integrationId = scaleUuid(tag, KIND.integration, 0);
    await client.query(
      `insert into integrations (id, name, secret_hash, secret_prefix, created_by, created_at) values ($1, 'Scale seed store', $2, 'scale_', $3, $4) on conflict (id) do nothing`,
      [integrationId, `scale-seed-${tag}-not-a-secret`, admin?.id ?? null, new Date(start - DAY).toISOString()],
    );

    // Every experience in the catalog runs every 14 days through the program's history and six weeks ahead;
    // seats grow with the program so fill rates stay comparable between sizes.
    const capacity = Math.max(6, Math.round(input.members * 0.0005));
    const sessionsByReward = new Map<string, ScaleSession[]>();
    const experiences = rewards.filter((r) => r.kind === "experience");
    const sessionRows: ScaleSession[] = [];
    experiences.forEach((reward, r) => {
      const list: ScaleSession[] = [];
      const firstDay = Math.floor(start / DAY) * DAY + 7 * DAY;
      for (let s = 0, day = firstDay; day < input.now + 42 * DAY; s++, day += 14 * DAY) {
        const startsAt = day + (10 + (r % 4) * 2) * HOUR;
        list.push({ id: scaleUuid(tag, KIND.session, r * 100_000 + s), rewardId: reward.id, startsAt, endsAt: startsAt + 3 * HOUR, capacity, cutoffHours: 24, pointsCost: null });
      }
      sessionsByReward.set(reward.id, list);
      sessionRows.push(...list);
    });
    if (sessionRows.length) {
      await client.query(
        `insert into experience_sessions (id, reward_id, starts_at, ends_at, time_zone, location, capacity, booked, per_member_limit, cutoff_hours, mode, status, created_at)
         select id, reward_id, starts_at, ends_at, 'UTC', 'Cairn flagship store', capacity, 0, 1, 24, 'first_come', 'scheduled', starts_at - interval '30 days'
         from unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::int[]) as s(id, reward_id, starts_at, ends_at, capacity)`,
        [sessionRows.map((s) => s.id), sessionRows.map((s) => s.rewardId), sessionRows.map((s) => new Date(s.startsAt).toISOString()), sessionRows.map((s) => new Date(s.endsAt).toISOString()), sessionRows.map((s) => s.capacity)],
      );
    }

    // A holdout that has run for the last 12 months (10 % control) unless the program set its own share.
    let holdout: ScaleProgram["holdout"] = null;
    hasGroups = (await client.query("select 1 from information_schema.columns where table_name = 'customers' and column_name = 'experiment_group'")).rows.length > 0;
    if (hasGroups) {
      await client.query(`insert into settings (key, value) values ('holdout', '{"sharePercent": 10}'::jsonb) on conflict (key) do nothing`);
      const share = Number(((await setting("holdout")) as { sharePercent?: unknown }).sharePercent);
      if (Number.isFinite(share) && share > 0) holdout = { since: input.now - 365 * DAY, share: share / 100 };
    }

    let survey: ScaleProgram["survey"] = null;
    const hasSurveys = (await client.query<{ t: string | null }>("select to_regclass('survey_invitations')::text as t")).rows[0].t !== null;
    if (hasSurveys) {
      const [existing] = (await client.query<{ id: string; delay_days: number }>("select id, delay_days from surveys where trigger = 'after_joining' order by active desc, created_at limit 1")).rows;
      if (existing) survey = { id: existing.id, delayDays: existing.delay_days };
      else {
        survey = { id: scaleUuid(tag, KIND.survey, 0), delayDays: 14 };
        await client.query(
          `insert into surveys (id, name, question, trigger, delay_days, active, created_at, updated_at) values ($1, 'Onboarding NPS', 'How likely are you to recommend Cairn to a friend?', 'after_joining', $2, true, $3, $3)`,
          [survey.id, survey.delayDays, new Date(start - DAY).toISOString()],
        );
      }
    }
    await client.query("commit");

    return {
      seed: input.seed,
      seedTag: tag,
      members: input.members,
      now: input.now,
      start,
      expiryMonths: points.expiryMonths === null ? null : Number(points.expiryMonths ?? 12),
      tiers,
      tierMetric: tierSettings.metric === "spend" ? "spend" : "points",
      plans,
      rules: {
        purchase: rule("purchase"),
        signup: rule("signup"),
        birthday: rule("birthday"),
        review: rule("review"),
        survey: rule("survey"),
        // the plan's bonus points are paid while this rule is switched on (lib/billing/membership-points.ts)
        membership: { active: membershipRule?.active ?? false, points: 0, holdDays: 0 },
      },
      referral: { rewardPoints: Number(referral.rewardPoints ?? DEFAULT_REFERRAL_SETTINGS.rewardPoints), holdDays: Number(referral.holdDays ?? DEFAULT_REFERRAL_SETTINGS.holdDays) },
      rewards: rewards.filter((r) => r.kind !== "experience" || sessionsByReward.has(r.id)),
      sessionsByReward,
      integrationId,
      adminId: admin?.id ?? null,
      survey,
      holdout,
      hasExperimentGroup: hasGroups,
      currency: typeof program.currency === "string" && program.currency.trim() ? program.currency.trim().toUpperCase() : "USD",
    };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  }
}
