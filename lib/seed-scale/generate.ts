import { addMonths } from "date-fns";
import type { MembershipStatus } from "@/db/schema";
import { purchasePoints } from "@/lib/earning/purchase-points";
import { refundPoints } from "@/lib/orders/refund-points";
import { qualifiedTierFor, type TierInfo } from "@/lib/tiers/qualify";
import { CustomerLedger, LedgerBook, type SimLot, type SimPosting } from "./ledger-sim";
import { DAY, HOUR, KIND, SCALE_EMAIL_DOMAIN, type GeneratorState, type ScalePlan, type ScaleProgram, type ScaleReward, type ScaleSession } from "./program";
import { createRng, scaleUuid, sequenceCode, type Rng } from "./random";
import { createTables, iso, type Tables } from "./tables";

/**
 * The shape of a realistic program, member by member. Members join over 24 months (more recently
 * as the program grows); about 4 in 10 hold a paid plan (lifetime, monthly, annual — trials,
 * conversions, churn, failed payments, refunds); there are two store-only customers per member;
 * purchases repeat with a long tail; points are earned, redeemed on the catalog, refunded, reversed,
 * adjusted and expired by the program's own rules. Referrals stay inside a block of 50 members
 * (referrer and referee are generated together), so any batch of whole blocks stands on its own and
 * the output does not depend on the batch size.
 */

export const BLOCK = 50;
const STREAM = { member: 1, shopper: 2, block: 3 } as const;

const FIRST = ["Avery", "Blake", "Casey", "Dakota", "Emerson", "Finley", "Gray", "Harper", "Indigo", "Jordan", "Kai", "Logan", "Morgan", "Noor", "Oakley", "Parker", "Quinn", "Reese", "Sage", "Taylor", "Umi", "Val", "Wren", "Xan", "Yael", "Zion", "Ana", "Ben", "Chloe", "Diego", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Keiko", "Liam", "Mila", "Nikos"];
const LAST = ["Nguyen", "Brooks", "Patel", "Rivera", "Lee", "Park", "Smith", "Garcia", "Müller", "Rossi", "Kowalski", "Okafor", "Haddad", "Tanaka", "Silva", "Novak", "Larsen", "Dubois", "Cohen", "Ahmed", "Walsh", "Fischer", "Moreau", "Ivanova", "Santos", "Kim", "Chen", "Singh", "Jones", "Martin"];
const PRODUCTS = ["Trail socks", "Rain shell", "Water bottle", "Headlamp", "Daypack", "Camp mug", "Beanie", "Trekking poles", "First-aid kit", "Gaiters", "Fleece", "Map case", "Stove fuel", "Sleeping mat", "Dry bag"];
const COMMENTS = ["Great rewards, easy to use.", "Points expire too fast.", "Loved the kayak tour!", "Shipping was slow.", "The app is clear and quick.", "More experiences near me, please.", "Friendly staff at the store.", "Hard to find the rewards page."];

type Window = { from: number; until: number; plan: ScalePlan };

type MemberProfile = {
  index: number;
  rng: Rng;
  userId: string;
  customerId: string;
  email: string;
  name: string;
  birthday: string | null;
  joinAt: number;
  /** Periods when a paid plan's benefits applied. */
  live: Window[];
  /** Plan bonus postings (invoices, a lifetime purchase) and their take-backs. */
  bonuses: { at: number; key: string; plan: ScalePlan; metadata: Record<string, unknown>; reverseAt: number | null; reverseKey: string | null }[];
  /** The first payment, which qualifies a referral; and when it was refunded or disputed. */
  firstPayment: { at: number; reference: string; reversedAt: number | null } | null;
  code: { code: string; at: number; influence: number } | null;
  /** Points posted to this member as a referrer, from the referrals of their block. */
  referrerEvents: ReferrerEvent[];
};

type ReferrerEvent = { referralId: string; qualifiedAt: number; holdUntil: number; voidAt: number | null };

const planAt = (live: Window[], at: number) => live.find((w) => at >= w.from && at < w.until)?.plan ?? null;

/** The nightly job's run that handles something due at `due` (03:00 UTC that day or the next). */
export function jobRunAt(due: number): number {
  const run = Math.floor(due / DAY) * DAY + 3 * HOUR;
  return run >= due ? run : run + DAY;
}

/** The holdout group drawn when the customer is created (null while no holdout runs), as its column wants it. */
function groupOf(p: ScaleProgram, rng: Rng, createdAt: number): "control" | "treatment" | null {
  if (!p.holdout || createdAt < p.holdout.since) return null;
  return rng.chance(p.holdout.share) ? "control" : "treatment";
}

/** The customers row, with the holdout column when the schema has it. */
function addCustomer(p: ScaleProgram, t: Tables, values: [id: string, email: string, userId: string | null, name: string | null, birthday: string | null, createdAt: number], group: "control" | "treatment" | null) {
  const [id, email, userId, name, birthday, createdAt] = values;
  if (p.hasExperimentGroup) t.customers.add(id, email, userId, name, birthday, iso(createdAt), group);
  else t.customers.add(id, email, userId, name, birthday, iso(createdAt));
}

/** Bonus campaigns skip control customers (lib/earning BONUS_CAMPAIGN_RULE_IDS: birthday, review, social share). */
const CAMPAIGNS = new Set(["birthday", "review", "social_share"]);

/** Uniform in [from, to). */
const between = (rng: Rng, from: number, to: number) => from + rng.next() * Math.max(0, to - from);

function membershipOf(p: ScaleProgram, t: Tables, m: MemberProfile, rng: Rng): void {
  const paid = [...p.plans.values()].filter((plan) => plan.kind !== "free");
  const weightOf = (plan: ScalePlan) => (plan.kind === "one_time" ? 0.1 : plan.interval === "month" ? 0.19 : 0.11);
  const options: (ScalePlan | null)[] = [null, ...paid];
  const plan = options[rng.weighted([0.6, ...paid.map(weightOf)])];
  const now = p.now;
  const i = m.index;
  if (!plan) {
    // 1 % of free members were given a complimentary plan by an admin for 90 days
    const comp = paid.find((x) => x.kind === "recurring" && x.interval === "year") ?? paid.find((x) => x.kind === "recurring");
    if (!comp || !rng.chance(0.01)) return;
    const startedAt = between(rng, m.joinAt, now);
    const until = startedAt + 90 * DAY;
    const ended = until <= now;
    const id = scaleUuid(p.seedTag, KIND.membership, i);
    t.memberships.add(id, m.userId, comp.id, ended ? "canceled" : "active", "admin_grant", iso(until), false, null, null, null, null, null, iso(startedAt), ended ? iso(until) : null, null, iso(ended ? until : startedAt));
    t.membershipHistory.add(id, null, "active", null, "admin_grant", iso(startedAt));
    if (ended) t.membershipHistory.add(id, "active", "canceled", null, "comp_expired", iso(until));
    m.live.push({ from: startedAt, until, plan: comp });
    return;
  }

  const startedAt = rng.chance(0.7) ? m.joinAt + rng.int(1, 30) * 60_000 : between(rng, m.joinAt, m.joinAt + (now - m.joinAt) * 0.8);
  const id = scaleUuid(p.seedTag, KIND.membership, i);
  const customer = `cus_scale_${p.seedTag}_${i}`;
  t.billingCustomers.add(m.userId, customer, iso(startedAt));
  const history: { from: MembershipStatus | null; to: MembershipStatus; at: number; reason: string }[] = [];
  const event = (n: number) => `evt_scale_${p.seedTag}_${i}_${n}`;

  if (plan.kind === "one_time") {
    const session = `cs_scale_${p.seedTag}_${i}`;
    const intent = `pi_scale_${p.seedTag}_${i}`;
    history.push({ from: null, to: "active", at: startedAt, reason: "checkout.session.completed" });
    let status: MembershipStatus = "active";
    let reversedAt: number | null = null;
    const r = rng.next();
    if (r < 0.03) reversedAt = startedAt + rng.int(1, 30) * DAY;
    else if (r < 0.04) reversedAt = startedAt + rng.int(5, 60) * DAY;
    if (reversedAt !== null && reversedAt <= now) {
      status = r < 0.03 ? "refunded" : "disputed";
      history.push({ from: "active", to: status, at: reversedAt, reason: r < 0.03 ? "charge.refunded" : "charge.dispute.created" });
    } else reversedAt = null;
    const last = history.length - 1;
    t.memberships.add(id, m.userId, plan.id, status, "stripe", null, false, null, customer, null, session, intent, iso(startedAt), null, event(last), iso(history[last].at));
    m.live.push({ from: startedAt, until: reversedAt ?? Infinity, plan });
    m.firstPayment = { at: startedAt, reference: session, reversedAt };
    m.bonuses.push({ at: startedAt, key: `stripe:purchase:${intent}:${event(0)}`, plan, metadata: { stripePaymentIntent: intent }, reverseAt: reversedAt, reverseKey: reversedAt === null ? null : `stripe:purchase:${intent}:${event(1)}` });
  } else {
    const subscription = `sub_scale_${p.seedTag}_${i}`;
    const months = plan.interval === "year" ? 12 : 1;
    const trialEnd = plan.trialDays > 0 ? startedAt + plan.trialDays * DAY : null;
    history.push({ from: null, to: trialEnd ? "trialing" : "active", at: startedAt, reason: "customer.subscription.created" });
    let status!: MembershipStatus;
    let periodEnd!: number;
    let endedAt: number | null = null;
    let cancelAtPeriodEnd = false;
    let liveUntil = Infinity;
    if (trialEnd && trialEnd > now) {
      status = "trialing";
      periodEnd = trialEnd;
      cancelAtPeriodEnd = rng.chance(0.12);
    } else if (trialEnd && !rng.chance(0.72)) {
      // the trial ended without a payment
      status = "canceled";
      periodEnd = endedAt = liveUntil = trialEnd;
      history.push({ from: "trialing", to: "canceled", at: trialEnd, reason: "customer.subscription.deleted" });
    } else {
      const firstPaid = trialEnd ?? startedAt;
      if (trialEnd) history.push({ from: "trialing", to: "active", at: trialEnd, reason: "invoice.paid" });
      const churn = months === 1 ? 0.045 : 0.2;
      let periodStart = firstPaid;
      for (let k = 0; ; k++) {
        const invoice = `in_scale_${p.seedTag}_${i}_${k}`;
        if (k === 0) m.firstPayment = { at: periodStart, reference: invoice, reversedAt: null };
        m.bonuses.push({ at: periodStart, key: `stripe:${invoice}`, plan, metadata: { stripeInvoice: invoice, stripeEvent: `${event(0)}_in${k}` }, reverseAt: null, reverseKey: null });
        const next = addMonths(new Date(periodStart), months).getTime();
        if (next > now) {
          status = "active";
          periodEnd = next;
          cancelAtPeriodEnd = rng.chance(0.06);
          break;
        }
        if (rng.chance(churn)) {
          periodEnd = next;
          if (rng.chance(0.15)) {
            // the renewal's card failed: past due while Stripe retries, then unpaid
            history.push({ from: "active", to: "past_due", at: next, reason: "invoice.payment_failed" });
            if (next + 14 * DAY <= now) {
              status = "unpaid";
              liveUntil = next + 14 * DAY;
              history.push({ from: "past_due", to: "unpaid", at: liveUntil, reason: "customer.subscription.updated" });
            } else status = "past_due";
          } else {
            status = "canceled";
            endedAt = liveUntil = next;
            history.push({ from: "active", to: "canceled", at: next, reason: "customer.subscription.deleted" });
          }
          break;
        }
        periodStart = next;
      }
    }
    const last = history.length - 1;
    t.memberships.add(id, m.userId, plan.id, status, "stripe", iso(periodEnd), cancelAtPeriodEnd, iso(trialEnd), customer, subscription, `cs_scale_${p.seedTag}_${i}`, null, iso(startedAt), iso(endedAt), event(last), iso(history[last].at));
    m.live.push({ from: startedAt, until: liveUntil, plan });
  }
  history.forEach((h, n) => t.membershipHistory.add(id, h.from, h.to, event(n), h.reason, iso(h.at)));
}

function memberProfile(p: ScaleProgram, t: Tables, i: number): MemberProfile {
  const rng = createRng(p.seed, STREAM.member, i);
  // joins grow over time: density rises linearly across the 24 months
  const joinAt = Math.min(p.start + Math.sqrt(rng.next()) * (p.now - p.start), p.now - HOUR);
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const email = `${first}.${last}.${i}@${SCALE_EMAIL_DOMAIN}`.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const birthday = rng.chance(0.55) ? `${rng.int(1950, 2004)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}` : null;
  const m: MemberProfile = {
    index: i,
    rng,
    userId: scaleUuid(p.seedTag, KIND.user, i),
    customerId: scaleUuid(p.seedTag, KIND.memberCustomer, i),
    email,
    name: `${first} ${last}`,
    birthday,
    joinAt,
    live: [],
    bonuses: [],
    firstPayment: null,
    code: null,
    referrerEvents: [],
  };
  t.users.add(m.userId, m.name, m.email, iso(joinAt), "member", iso(joinAt));
  membershipOf(p, t, m, rng);
  // members who share their link have a generated code; paid members share more
  if (rng.chance(m.live.length ? 0.6 : 0.35)) {
    const at = joinAt + rng.exp(20 * DAY);
    if (at < p.now - HOUR) m.code = { code: sequenceCode(p.seed, 1, i, 8), at, influence: Math.min(50, 1 / Math.pow(1 - rng.next(), 0.7)) };
  }
  return m;
}

/** Referrals inside one block: who referred whom, the clicks, and the referrers' rewards. */
function referralsOf(p: ScaleProgram, t: Tables, block: number, members: MemberProfile[]): void {
  const rng = createRng(p.seed, STREAM.block, block);
  const byJoin = [...members].sort((a, b) => a.joinAt - b.joinAt);
  const clicks = new Map<number, number>();
  const click = (holder: MemberProfile, at: number): string => {
    const n = clicks.get(holder.index) ?? 0;
    clicks.set(holder.index, n + 1);
    const id = scaleUuid(p.seedTag, KIND.click, holder.index * 256 + n);
    t.referralClicks.add(id, holder.code!.code, rng.hex8().repeat(8), rng.hex8().repeat(8), iso(at));
    return id;
  };
  for (const holder of byJoin) {
    if (!holder.code) continue;
    t.referralCodes.add(holder.code.code, holder.userId, false, iso(holder.code.at));
  }
  for (const referee of byJoin) {
    if (!rng.chance(0.18)) continue;
    const candidates = byJoin.filter((h) => h.code && h !== referee && h.code.at < referee.joinAt - HOUR && (clicks.get(h.index) ?? 0) < 200);
    if (!candidates.length) continue;
    const referrer = candidates[rng.weighted(candidates.map((c) => c.code!.influence))];
    const code = referrer.code!;
    const id = scaleUuid(p.seedTag, KIND.referral, referee.index);
    const viaLink = rng.chance(0.8);
    const clickId = viaLink ? click(referrer, Math.max(code.at, referee.joinAt - rng.next() * 5 * DAY)) : null;
    const createdAt = referee.joinAt;
    let status: "pending" | "qualified" | "rewarded" | "void" | "flagged" | "rejected" | "blocked" = "pending";
    let reason: string | null = null;
    let decidedAt: number | null = null;
    const screen = rng.next();
    if (screen < 0.02) {
      status = "blocked";
      reason = "self_referral: same device as the referrer";
    } else if (screen < 0.055) {
      status = "flagged";
      reason = "velocity: many sign-ups from one network this week";
      if (createdAt + 5 * DAY <= p.now && rng.chance(0.6)) {
        status = "rejected";
        decidedAt = createdAt + rng.int(1, 5) * DAY;
      }
    }
    let qualifiedAt: number | null = null;
    let reference: string | null = null;
    let availableAt: number | null = null;
    const payment = referee.firstPayment;
    if (payment && payment.at >= createdAt && (status === "pending" || status === "flagged")) {
      qualifiedAt = payment.at;
      reference = payment.reference;
      if (status === "pending") {
        availableAt = qualifiedAt + p.referral.holdDays * DAY;
        status = jobRunAt(availableAt) <= p.now ? "rewarded" : "qualified";
        if (payment.reversedAt !== null) {
          status = "void";
          reason = "the qualifying payment was refunded or disputed";
        }
        if (p.referral.rewardPoints > 0) referrer.referrerEvents.push({ referralId: id, qualifiedAt, holdUntil: availableAt, voidAt: payment.reversedAt });
      }
    }
    t.referrals.add(id, referrer.userId, referee.userId, code.code, clickId, viaLink ? "link" : "code", status, reason, reference, iso(qualifiedAt), iso(availableAt), decidedAt ? p.adminId : null, iso(decidedAt), iso(createdAt));
  }
  // clicks that did not convert
  for (const holder of byJoin) {
    if (!holder.code) continue;
    const n = Math.min(rng.geometric(0.3), 200 - (clicks.get(holder.index) ?? 0));
    for (let c = 0; c < n; c++) click(holder, between(rng, holder.code.at, p.now));
  }
}

type OrderPlan = { n: number; at: number; total: number; qualifying: number; refund: { at: number; amount: number } | null; claimAt: number | null };

function planOrders(p: ScaleProgram, rng: Rng, count: number, firstAt: number, meanGapDays: number): OrderPlan[] {
  const orders: OrderPlan[] = [];
  let at = firstAt;
  for (let n = 0; n < count && at < p.now; n++) {
    const total = Math.min(90_000, Math.max(300, Math.round(Math.exp(Math.log(4500) + 0.7 * rng.normal()))));
    // shipping under $50 does not earn points
    const qualifying = total < 5000 && total > 599 ? total - 599 : total;
    let refund: OrderPlan["refund"] = null;
    if (rng.chance(0.05)) {
      const refundAt = at + rng.int(2, 30) * DAY;
      const amount = rng.chance(0.65) ? total : Math.max(1, Math.round(total * (0.2 + 0.4 * rng.next())));
      if (refundAt <= p.now) refund = { at: refundAt, amount };
    }
    const claim = rng.chance(0.06) ? at + rng.int(3, 20) * DAY : null;
    orders.push({ n, at, total, qualifying, refund, claimAt: claim !== null && claim <= p.now ? claim : null });
    at += rng.exp(meanGapDays * DAY) + HOUR;
  }
  return orders;
}

function linesOf(rng: Rng, total: number): string {
  const count = total > 3000 ? rng.int(1, 3) : 1;
  const lines: { sku: string; name: string; quantity: number; totalCents: number }[] = [];
  let left = total;
  for (let l = 0; l < count; l++) {
    const cents = l === count - 1 ? left : Math.round(left * (0.3 + 0.4 * rng.next()));
    left -= cents;
    const product = rng.int(0, PRODUCTS.length - 1);
    lines.push({ sku: `SKU-${100 + product}`, name: PRODUCTS[product], quantity: 1, totalCents: cents });
  }
  return JSON.stringify(lines);
}

type Event = { at: number; seq: number; run: (at: number) => void };

/**
 * One customer's history, replayed in time order through the ledger simulator: the nightly job
 * (releases, expiry) runs between events exactly as it would have, and each event posts what the
 * app posts for it, with the app's idempotency keys, reasons and memos.
 */
class CustomerRun {
  private events: Event[] = [];
  private seq = 0;
  readonly ledger: CustomerLedger;
  private tier: TierInfo | null = null;
  private spend: { at: number; cents: number }[] = [];
  private limits = new Map<string, number>();
  private sessions = new Set<string>();

  constructor(
    private readonly p: ScaleProgram,
    private readonly t: Tables,
    book: LedgerBook,
    private readonly customerId: string,
    private readonly live: Window[],
    /** In the holdout's control group: bonus campaigns award nothing. */
    private readonly heldOut = false,
  ) {
    this.ledger = new CustomerLedger(book, customerId, p.expiryMonths);
  }

  schedule(at: number, run: (at: number) => void) {
    const event = { at, seq: this.seq++, run };
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = this.events[mid];
      if (e.at < at || (e.at === at && e.seq < event.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.events.splice(lo, 0, event);
  }

  run(): void {
    while (this.events.length) {
      const event = this.events.shift()!;
      this.ledger.runJobs(event.at, jobRunAt);
      event.run(event.at);
      this.recordTier(event.at, "event");
    }
    this.ledger.runJobs(this.p.now, jobRunAt);
    this.recordTier(this.p.now, "nightly");
    const l = this.ledger;
    if (l.lastAt) this.t.balances.add(this.customerId, l.available, l.pending, l.debt, l.lifetimeEarned, l.lifetimeRedeemed, iso(l.lastAt));
    this.t.customerTiers.add(this.customerId, this.tier!.id, this.qualifyingValue(this.p.now), iso(this.p.now));
  }

  plan(at: number) {
    return planAt(this.live, at);
  }

  private qualifyingValue(at: number): number {
    const from = addMonths(new Date(at), -12).getTime();
    if (this.p.tierMetric === "points") return this.ledger.qualifyingPoints(from, at);
    return Math.max(0, this.spend.reduce((sum, s) => sum + (s.at >= from && s.at <= at ? s.cents : 0), 0));
  }

  tierAt(at: number): TierInfo {
    const earned = qualifiedTierFor(this.qualifyingValue(at), this.p.tiers);
    const floorId = this.plan(at)?.benefits.minTier;
    const floor = floorId ? this.p.tiers.find((x) => x.id === floorId) : undefined;
    return floor && floor.sortOrder > earned.sortOrder ? floor : earned;
  }

  private recordTier(at: number, reason: string) {
    const next = this.tierAt(at);
    if (this.tier?.id === next.id) return;
    this.t.tierHistory.add(this.customerId, this.tier?.id ?? null, next.id, this.tier ? reason : "first_recompute", iso(at));
    this.tier = next;
  }

  earn(key: string, points: number, reason: string, memo: string, at: number, extra: { holdUntil?: number | null; metadata?: Record<string, unknown> } = {}): SimPosting | null {
    if (points <= 0 || (this.heldOut && CAMPAIGNS.has(reason))) return null;
    return this.ledger.credit("earn", { key, points, reason, memo, at, holdUntil: extra.holdUntil ?? null, metadata: extra.metadata });
  }

  order(orderKind: number, externalPrefix: string, index: number, rng: Rng, o: OrderPlan) {
    const p = this.p;
    this.schedule(o.at, (at) => {
      const id = scaleUuid(p.seedTag, orderKind, index * 256 + o.n);
      const externalId = `${externalPrefix}${index}-${o.n}`;
      const plan = this.plan(at);
      const rule = p.rules.purchase;
      const points = rule.active ? purchasePoints({ qualifyingCents: o.qualifying, rule, tierMultiplier: this.tierAt(at).multiplier, plan: plan?.benefits ?? null }) : 0;
      this.t.orders.add(id, p.integrationId, externalId, this.customerId, p.currency, o.total, o.qualifying, o.refund?.amount ?? 0, points, linesOf(rng, o.total), iso(at), iso(at));
      this.spend.push({ at, cents: o.qualifying });
      const posting = this.earn(`order:${p.integrationId}:${externalId}`, points, "purchase", `Purchase, order ${externalId}`, at, {
        holdUntil: rule.holdDays > 0 ? at + rule.holdDays * DAY : null,
        metadata: { orderId: id, integrationId: p.integrationId, externalId },
      });
      if (o.refund) {
        const refund = o.refund;
        this.schedule(refund.at, (rat) => {
          const refundId = `re_${externalId}`;
          const back = refundPoints({ orderPoints: points, totalCents: o.total, refundedCents: 0, reversedPoints: 0, amountCents: refund.amount });
          this.t.orderRefunds.add(scaleUuid(p.seedTag, orderKind + 2, index * 256 + o.n), id, refundId, refund.amount, back, iso(rat));
          this.spend.push({ at: rat, cents: -Math.floor((o.qualifying * refund.amount) / o.total) });
          if (back > 0) {
            this.ledger.reverse({
              key: `order-refund:${id}:${refundId}`,
              points: back,
              sourcePostingId: posting?.id,
              reason: "order_refund",
              memo: refund.amount === o.total ? `Order ${externalId} refunded` : `Partial refund, order ${externalId}`,
              metadata: { orderId: id, refundId, amountCents: refund.amount },
              at: rat,
            });
          }
        });
      }
      if (o.claimAt !== null && p.rules.review.active) {
        this.schedule(o.claimAt, (cat) => {
          const claimId = scaleUuid(p.seedTag, KIND.claim, (orderKind === KIND.memberOrder ? 0 : 2 ** 40) + index * 256 + o.n);
          this.t.earningClaims.add(claimId, this.customerId, "review", `https://shop.cairn.test/reviews/${externalId}`, "approved", iso(cat), iso(cat));
          this.earn(`claim:${claimId}`, p.rules.review.points, "review", "Product review", cat, { metadata: { claimId } });
        });
      }
    });
  }

  adjustments(rng: Rng, from: number, member: boolean) {
    const p = this.p;
    const audit = (at: number, before: number, after: number, note: string) =>
      this.t.auditLog.add(p.adminId, "points.adjust", "customer", this.customerId, JSON.stringify({ available: before }), JSON.stringify({ available: after }), note, iso(at));
    if (rng.chance(0.006)) {
      const points = rng.int(1, 10) * 100;
      this.schedule(between(rng, from, p.now), (at) => {
        const before = this.ledger.available;
        this.ledger.credit("adjust", { key: `adjust:scale:${this.customerId}:1`, points, reason: "admin_adjustment", memo: "Adjustment by the Cairn team: goodwill", actorId: p.adminId, metadata: { reasonCode: "goodwill" }, at });
        audit(at, before, this.ledger.available, "goodwill: sorry about the late delivery");
      });
    }
    if (member && rng.chance(0.002)) {
      const want = rng.int(50, 500);
      this.schedule(between(rng, from, p.now), (at) => {
        const points = Math.min(want, this.ledger.available);
        if (points < 50) return;
        const before = this.ledger.available;
        this.ledger.spend("adjust", { key: `adjust:scale:${this.customerId}:2`, points, reason: "admin_adjustment", memo: "Adjustment by the Cairn team: correction", actorId: p.adminId, metadata: { reasonCode: "correction" }, at });
        audit(at, before, this.ledger.available, "correction: points posted twice by the till");
      });
    }
  }

  redemption(state: GeneratorState, m: MemberProfile, r: number, at: number) {
    const p = this.p;
    const rng = m.rng;
    this.schedule(at, (t0) => {
      const plan = this.plan(t0);
      const rank = this.tierAt(t0).sortOrder;
      const options: { reward: ScaleReward; session: ScaleSession | null; cost: number }[] = [];
      for (const reward of p.rewards) {
        if (reward.paidMembersOnly && !plan) continue;
        if (reward.minTierRank !== null && rank < reward.minTierRank) continue;
        if (reward.perMemberLimit !== null && (this.limits.get(reward.id) ?? 0) >= reward.perMemberLimit) continue;
        let session: ScaleSession | null = null;
        if (reward.kind === "experience") {
          const upcoming = (p.sessionsByReward.get(reward.id) ?? []).filter((s) => s.startsAt - s.cutoffHours * HOUR > t0).slice(0, 3);
          session = upcoming.find((s) => (state.booked.get(s.id) ?? 0) < s.capacity && !this.sessions.has(s.id)) ?? null;
          if (!session) continue;
        }
        const cost = session?.pointsCost ?? reward.pointsCost;
        if (cost <= this.ledger.available) options.push({ reward, session, cost });
      }
      if (!options.length) return;
      const weight = { discount: 5, donation: 1.5, product: 2, service: 1, experience: 3 } as const;
      const { reward, session, cost } = options[rng.weighted(options.map((o) => weight[o.reward.kind]))];
      const id = scaleUuid(p.seedTag, KIND.redemption, m.index * 256 + r);
      const immediate = reward.kind === "discount" || reward.kind === "donation" || reward.kind === "experience";
      let fulfilledAt: number | null = immediate ? t0 : null;
      if (!immediate && rng.chance(0.95)) {
        const done = t0 + rng.int(2, 10) * DAY;
        if (done <= p.now) fulfilledAt = done;
      }
      // cancelled: a booking before its cutoff, or a product or service not yet sent
      let cancelledAt: number | null = null;
      if (rng.chance(0.04)) {
        const when = t0 + (0.5 + rng.next() * 4.5) * DAY;
        const open = session ? when < session.startsAt - session.cutoffHours * HOUR : !immediate && (fulfilledAt === null || when < fulfilledAt);
        if (open && when <= p.now) {
          cancelledAt = when;
          if (!immediate) fulfilledAt = null;
        }
      }
      const status = cancelledAt !== null ? "cancelled" : fulfilledAt !== null ? "fulfilled" : "pending";
      const code = reward.kind === "discount" ? `CAIRN-${sequenceCode(p.seed, 2, m.index * 256 + r, 10)}` : null;
      const address = reward.kind === "product" ? JSON.stringify({ name: m.name, line1: `${rng.int(1, 400)} Trail Road`, city: "Boulder", postalCode: String(rng.int(10000, 99999)), country: "US" }) : null;
      const tracking = reward.kind === "product" && status === "fulfilled" ? `1Z${sequenceCode(p.seed, 4, m.index * 256 + r, 12)}` : null;
      this.t.redemptions.add(id, this.customerId, reward.id, session?.id ?? null, status, cost, code, address, tracking, iso(fulfilledAt), iso(cancelledAt), cancelledAt !== null ? "Changed plans" : null, iso(t0));
      this.ledger.spend("redeem", {
        key: `redemption:${id}`,
        points: cost,
        reason: "redemption",
        memo: session ? `Booked: ${reward.title}` : reward.kind === "donation" ? `Donated: ${reward.title}` : `Redeemed: ${reward.title}`,
        metadata: { redemptionId: id, rewardId: reward.id, sessionId: session?.id ?? null },
        at: t0,
      });
      if (session) {
        const checkedIn = cancelledAt === null && session.endsAt <= p.now && rng.chance(0.87) ? session.startsAt - rng.int(0, 20) * 60_000 : null;
        this.t.tickets.add(scaleUuid(p.seedTag, KIND.ticket, m.index * 256 + r), id, sequenceCode(p.seed, 3, m.index * 256 + r, 8), iso(checkedIn), checkedIn ? p.adminId : null, iso(t0));
      }
      if (cancelledAt === null) {
        this.limits.set(reward.id, (this.limits.get(reward.id) ?? 0) + 1);
        if (session) {
          this.sessions.add(session.id);
          state.booked.set(session.id, (state.booked.get(session.id) ?? 0) + 1);
        }
      } else {
        this.schedule(cancelledAt, (cat) =>
          this.ledger.credit("refund", { key: `redemption-refund:${id}`, points: cost, reason: "redemption_cancelled", memo: "Points returned: Changed plans", metadata: { redemptionId: id }, at: cat }),
        );
      }
    });
  }
}

function runMember(p: ScaleProgram, t: Tables, book: LedgerBook, state: GeneratorState, m: MemberProfile): void {
  const rng = m.rng;
  const paid = m.live.length > 0;
  const orderCount = rng.chance(0.22) ? 0 : Math.min(120, 1 + rng.geometric(paid ? 0.2 : 0.3));
  // 3 in 10 shopped before joining (the customer existed from their first order)
  const firstOrder = rng.chance(0.3) ? Math.max(p.start, m.joinAt - rng.next() * 120 * DAY) : m.joinAt + rng.exp(25 * DAY);
  let orders = planOrders(p, rng, orderCount, firstOrder, paid ? 45 : 60);
  const createdAt = Math.min(m.joinAt, orders[0]?.at ?? Infinity);
  const group = groupOf(p, rng, createdAt);
  addCustomer(p, t, [m.customerId, m.email, m.userId, m.name, m.birthday, createdAt], group);
  // the campaigns bring some customers back: without them, a few repeat purchases don't happen
  if (group === "control") orders = orders.filter((o) => o.n === 0 || !rng.chance(0.12));

  const run = new CustomerRun(p, t, book, m.customerId, m.live, group === "control");
  if (p.rules.signup.active) run.schedule(m.joinAt, (at) => run.earn(`signup:${m.customerId}`, p.rules.signup.points, "signup", "Welcome bonus", at));
  if (m.birthday && p.rules.birthday.active) {
    const [, month, day] = m.birthday.split("-").map(Number);
    for (let year = new Date(m.joinAt).getUTCFullYear(); year <= new Date(p.now).getUTCFullYear(); year++) {
      const at = Date.UTC(year, month - 1, day, 3, 30);
      if (at >= m.joinAt && at <= p.now) run.schedule(at, (bat) => run.earn(`birthday:${m.customerId}:${year}`, p.rules.birthday.points, "birthday", "Birthday bonus", bat));
    }
  }
  if (p.rules.membership.active) {
    for (const bonus of m.bonuses) {
      if (bonus.plan.benefits.bonusPoints <= 0) continue;
      run.schedule(bonus.at, (at) => {
        const grant = run.earn(bonus.key, bonus.plan.benefits.bonusPoints, "membership", `${bonus.plan.name} membership bonus`, at, { metadata: bonus.metadata });
        if (grant && bonus.reverseAt !== null && bonus.reverseKey) {
          const key = bonus.reverseKey;
          run.schedule(bonus.reverseAt, (rat) =>
            run.ledger.reverse({ key, points: grant.points, sourcePostingId: grant.id, reason: "membership_refund", memo: `${bonus.plan.name} membership bonus taken back (payment refunded or disputed)`, metadata: bonus.metadata, at: rat }),
          );
        }
      });
    }
  }
  for (const ref of m.referrerEvents) {
    run.schedule(ref.qualifiedAt, (at) => {
      const grant = run.earn(`referral:${ref.referralId}`, p.referral.rewardPoints, "referral", "Referral reward: a friend you invited became a member", at, { holdUntil: ref.holdUntil, metadata: { referral: ref.referralId } });
      if (!grant || ref.voidAt === null) return;
      run.schedule(ref.voidAt, (vat) => {
        const lot: SimLot | undefined = run.ledger.open.find((l) => l.postingId === grant.id);
        const common = { metadata: { referral: ref.referralId }, at: vat };
        if (lot?.state === "pending" && lot.remaining > 0) {
          run.ledger.void(lot, { ...common, key: `referral:${ref.referralId}:void`, reason: "referral_void", memo: "Referral reward cancelled: your friend's payment was refunded" });
        } else {
          run.ledger.reverse({ ...common, key: `referral:${ref.referralId}:clawback`, points: grant.points, sourcePostingId: grant.id, reason: "referral_clawback", memo: "Referral reward taken back: your friend's payment was refunded" });
        }
      });
    });
  }
  for (const o of orders) run.order(KIND.memberOrder, "m", m.index, rng, o);

  // an onboarding NPS survey, sent by the daily job `delay` days after joining
  if (p.survey && rng.chance(0.7)) {
    const survey = p.survey;
    const sentAt = jobRunAt(m.joinAt + survey.delayDays * DAY);
    if (sentAt <= p.now) {
      const id = scaleUuid(p.seedTag, KIND.invitation, m.index);
      const expiresAt = sentAt + 30 * DAY;
      const answeredAt = rng.chance(0.38) ? sentAt + rng.exp(2 * DAY) : null;
      const answered = answeredAt !== null && answeredAt < expiresAt && answeredAt <= p.now ? answeredAt : null;
      const mood = rng.next() + (paid ? 0.1 : 0);
      const score = answered === null ? null : mood > 0.55 ? rng.int(9, 10) : mood > 0.25 ? rng.int(7, 8) : rng.int(0, 6);
      const comment = answered !== null && rng.chance(0.3) ? rng.pick(COMMENTS) : null;
      const points = answered === null ? null : p.rules.survey.active ? p.rules.survey.points : 0;
      const token = `${p.seedTag}${m.index.toString(16).padStart(56, "0")}`;
      t.surveyInvitations.add(id, survey.id, m.customerId, "join", token, iso(sentAt), iso(expiresAt), iso(answered), score, comment, answered === null ? null : rng.chance(0.6) ? "app" : "email", points, iso(sentAt));
      if (answered !== null && points) run.schedule(answered, (at) => run.earn(`survey:${id}:${m.customerId}`, points, "survey", "Survey answered", at, { metadata: { invitationId: id } }));
    }
  }

  // redemption visits: about one every 100 days of membership
  const tenure = p.now - m.joinAt - 3 * DAY;
  if (tenure > 0) {
    const visits = Math.min(40, rng.poisson(tenure / (100 * DAY)));
    for (let r = 0; r < visits; r++) run.redemption(state, m, r, m.joinAt + 3 * DAY + rng.next() * tenure);
  }
  run.adjustments(rng, createdAt, true);
  run.run();
}

function runShopper(p: ScaleProgram, t: Tables, book: LedgerBook, j: number): void {
  const rng = createRng(p.seed, STREAM.shopper, j);
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const customerId = scaleUuid(p.seedTag, KIND.shopperCustomer, j);
  const firstOrder = Math.min(p.start + Math.sqrt(rng.next()) * (p.now - p.start), p.now - HOUR);
  // most store-only customers buy once or twice
  let orders = planOrders(p, rng, 1 + rng.geometric(0.62), firstOrder, 70);
  const email = `shopper.${j}@${SCALE_EMAIL_DOMAIN}`;
  const group = groupOf(p, rng, firstOrder);
  addCustomer(p, t, [customerId, email, null, rng.chance(0.7) ? `${first} ${last}` : null, null, firstOrder], group);
  if (group === "control") orders = orders.filter((o) => o.n === 0 || !rng.chance(0.12));
  const run = new CustomerRun(p, t, book, customerId, [], group === "control");
  for (const o of orders) run.order(KIND.shopperOrder, "s", j, rng, o);
  run.adjustments(rng, firstOrder, false);
  run.run();
}

/** Generates one block: its members, their shoppers (two per member), and everything they did. */
export function generateBlock(p: ScaleProgram, state: GeneratorState, block: number, tables: Tables, book: LedgerBook): void {
  const first = block * BLOCK;
  const last = Math.min(p.members, first + BLOCK);
  if (first >= last) return;
  const members: MemberProfile[] = [];
  for (let i = first; i < last; i++) members.push(memberProfile(p, tables, i));
  referralsOf(p, tables, block, members);
  for (const m of members) runMember(p, tables, book, state, m);
  for (let j = 2 * first; j < 2 * last; j++) runShopper(p, tables, book, j);
}

/** Generates blocks [fromBlock, toBlock), yielding to the event loop between blocks so a batch being written meanwhile keeps moving. */
export async function generateBatch(p: ScaleProgram, state: GeneratorState, fromBlock: number, toBlock: number): Promise<{ tables: Tables; book: LedgerBook }> {
  const tables = createTables({ experimentGroup: p.hasExperimentGroup });
  const book = new LedgerBook();
  for (let block = fromBlock; block < toBlock; block++) {
    generateBlock(p, state, block, tables, book);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { tables, book };
}
