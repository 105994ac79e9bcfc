import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { customerTiers, emailOutbox, experienceSessions, redemptions, rewards, tiers, users } from "@/db/schema";
import { DEFAULT_TIERS } from "@/db/seed-program";
import type { CurrentUser } from "@/lib/auth/guards";
import { getBalance } from "@/lib/ledger/balances";
import { customerForUser } from "@/lib/ledger/customers";
import { post } from "@/lib/ledger/post";

let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => caller }));
// revalidatePath needs Next's request store; the tests call the actions directly.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));
// Counted, not sent: the Stripe side of a discount reward has its own test (rewards-promotion-code).
vi.mock("@/lib/billing/promotion-codes", () => ({ createPromotionCodeForReward: vi.fn(async () => "promo_test") }));

const { redeemRewardAction } = await import("@/lib/rewards/actions");
const { createPromotionCodeForReward } = await import("@/lib/billing/promotion-codes");
const { catalogFilterSchema, getRewardDetail, getViewer, listCatalog } = await import("@/lib/rewards/catalog");

const DAY = 86_400_000;
const uid = () => crypto.randomUUID().slice(0, 8);
/** The request key a rendered redeem form carries. */
const key = () => crypto.randomUUID();
const shortDate = (d: Date) => new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(d);

async function member(points: number, tier?: string) {
  const [user] = await db.insert(users).values({ email: `m-${uid()}@example.com`, name: "Casey Tester" }).returning();
  const customer = await customerForUser(user);
  if (points > 0) await post({ kind: "earn", key: `seed:${customer.id}`, customerId: customer.id, points, reason: "purchase", memo: "Purchase" });
  if (tier) await db.insert(customerTiers).values({ customerId: customer.id, tierId: tier });
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role } as CurrentUser, customerId: customer.id, email: user.email };
}

type NewReward = typeof rewards.$inferInsert;
const r = (slug: string, values: Partial<NewReward>): NewReward => ({ slug, title: slug, kind: "product", status: "active", pointsCost: 100, ...values });

const now = new Date();
const earlyPublish = new Date(now.getTime() + 2 * DAY);
let ids: Record<string, string> = {};

beforeAll(async () => {
  await db.insert(tiers).values(DEFAULT_TIERS).onConflictDoNothing();
  const rows = await db
    .insert(rewards)
    .values([
      r("ten-off", { kind: "discount", title: "$10 off", pointsCost: 1000, sortOrder: 1 }),
      r("bottle", { title: "Trail bottle", pointsCost: 3000, stock: 5, sortOrder: 2 }),
      r("kayak", { kind: "experience", title: "Kayak tour", pointsCost: 800, sortOrder: 3 }),
      r("lantern", { title: "Summit lantern", pointsCost: 500, minTierId: "gold", sortOrder: 4 }),
      r("members-mug", { title: "Members' mug", pointsCost: 400, paidMembersOnly: true, sortOrder: 5 }),
      r("early-jacket", { title: "Early jacket", pointsCost: 900, publishAt: earlyPublish, earlyAccessDays: 5, earlyAccessTierId: "gold", sortOrder: 6 }),
      r("sold-out", { title: "Sold-out hat", pointsCost: 200, stock: 0, sortOrder: 7 }),
      r("plant-a-tree", { kind: "donation", title: "Plant a tree", pointsCost: 300, cause: "reforestation", sortOrder: 8 }),
      // never listed
      r("later", { publishAt: new Date(now.getTime() + 10 * DAY), earlyAccessDays: 5, earlyAccessTierId: "gold" }),
      r("draft", { status: "draft" }),
      r("archived", { status: "archived" }),
      r("ended", { publishAt: new Date(now.getTime() - 10 * DAY), unpublishAt: new Date(now.getTime() - DAY) }),
    ])
    .returning();
  ids = Object.fromEntries(rows.map((row) => [row.slug, row.id]));
  await db.insert(experienceSessions).values([
    { rewardId: ids.kayak, startsAt: new Date(now.getTime() + 7 * DAY), endsAt: new Date(now.getTime() + 7 * DAY + 3 * 3_600_000), capacity: 8, location: "North beach", timeZone: "America/New_York" },
    { rewardId: ids.kayak, startsAt: new Date(now.getTime() + 14 * DAY), endsAt: new Date(now.getTime() + 14 * DAY + 3 * 3_600_000), capacity: 1, pointsCost: 600 },
    // in the past: not offered, and not counted in "from"
    { rewardId: ids.kayak, startsAt: new Date(now.getTime() - 7 * DAY), endsAt: new Date(now.getTime() - 7 * DAY + 3_600_000), capacity: 4, pointsCost: 100 },
  ]);
});

beforeEach(() => {
  caller = null;
});

const mailsTo = (email: string) => db.select().from(emailOutbox).where(and(eq(emailOutbox.to, email), eq(emailOutbox.template, "redemption-confirmed")));

/** A booking ends in Next's redirect to its ticket (redirect() throws): where it went. */
async function redirectOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2];
    throw error;
  }
  throw new Error("the action did not redirect");
}

const slugsOf = (items: { slug: string }[]) => items.map((i) => i.slug);
const bySlug = <T extends { slug: string }>(items: T[], slug: string) => items.find((i) => i.slug === slug)!;

describe("catalog", () => {
  it("lists what is published (or in its early-access window) in display order, with locks a visitor can read", async () => {
    const items = await listCatalog({ viewer: null, filter: catalogFilterSchema.parse({}) });
    expect(slugsOf(items)).toEqual(["ten-off", "bottle", "kayak", "lantern", "members-mug", "early-jacket", "sold-out", "plant-a-tree"]);
    expect(items.every((i) => i.points === null)).toBe(true);
    expect(bySlug(items, "lantern").lock).toEqual({ kind: "tier", text: "Gold members and above" });
    expect(bySlug(items, "members-mug").lock).toEqual({ kind: "paid", text: "For paid members — ", link: { href: "/pricing", label: "see plans" } });
    expect(bySlug(items, "early-jacket").lock).toEqual({
      kind: "early",
      text: `Opens to everyone on ${shortDate(earlyPublish)}; Gold and paid members from ${shortDate(new Date(earlyPublish.getTime() - 5 * DAY))}`,
    });
    expect(bySlug(items, "sold-out").lock).toMatchObject({ kind: "sold_out", text: "Sold out" });
    expect(bySlug(items, "kayak")).toMatchObject({ cost: 600, costFrom: true, lock: null });
    expect(bySlug(items, "ten-off").lock).toBeNull();
  });

  it("tells a member what they have, what they need, and how far the tier is", async () => {
    const m = await member(2000);
    const items = await listCatalog({ viewer: await getViewer(m.customerId), filter: catalogFilterSchema.parse({}) });
    expect(bySlug(items, "ten-off").points).toEqual({ have: 2000, short: 0 });
    expect(bySlug(items, "bottle").points).toEqual({ have: 2000, short: 1000 });
    // Gold needs 5,000 qualifying points; 2,000 earned in the last 12 months.
    expect(bySlug(items, "lantern").lock).toEqual({ kind: "tier", text: "Gold members and above — 3,000 more points to Gold" });
    const { pointsLine } = await import("@/lib/rewards/catalog");
    expect(pointsLine(bySlug(items, "ten-off").points!)).toBe("You have 2,000 points");
    expect(pointsLine(bySlug(items, "bottle").points!)).toBe("You need 1,000 more points");
  });

  it("filters by kind, by 'affordable now' and by 'my tier'", async () => {
    const m = await member(2000);
    const viewer = await getViewer(m.customerId);
    expect(slugsOf(await listCatalog({ viewer, filter: catalogFilterSchema.parse({ kind: "discount" }) }))).toEqual(["ten-off"]);
    expect(slugsOf(await listCatalog({ viewer, filter: catalogFilterSchema.parse({ kind: "experience" }) }))).toEqual(["kayak"]);
    expect(slugsOf(await listCatalog({ viewer, filter: catalogFilterSchema.parse({ affordable: "1" }) }))).toEqual(["ten-off", "kayak", "plant-a-tree"]);
    expect(slugsOf(await listCatalog({ viewer, filter: catalogFilterSchema.parse({ tier: "1" }) }))).toEqual(["ten-off", "bottle", "kayak", "members-mug", "sold-out", "plant-a-tree"]);
    expect(slugsOf(await listCatalog({ viewer, filter: catalogFilterSchema.parse({ kind: "product", affordable: "1" }) }))).toEqual([]);
    // A visitor has no balance: nothing is "affordable now".
    expect(await listCatalog({ viewer: null, filter: catalogFilterSchema.parse({ affordable: "1" }) })).toEqual([]);
    // Unreadable parameters are ignored, not refused.
    expect(catalogFilterSchema.parse({ kind: "bogus", affordable: ["1", "1"], tier: "yes" })).toEqual({ kind: undefined, affordable: false, tier: false });
  });

  it("opens gated and early-access rewards to a Gold member", async () => {
    const m = await member(6000, "gold");
    const items = await listCatalog({ viewer: await getViewer(m.customerId), filter: catalogFilterSchema.parse({ tier: "1" }) });
    expect(bySlug(items, "lantern").lock).toBeNull();
    expect(bySlug(items, "early-jacket")).toMatchObject({ lock: null, earlyAccess: true });
  });

  it("shows an experience's upcoming sessions in their own time zone with seats left", async () => {
    const m = await member(2000);
    const detail = await getRewardDetail("kayak", await getViewer(m.customerId));
    expect(detail?.sessions).toHaveLength(2);
    const [first, second] = detail!.sessions;
    expect(first).toMatchObject({ capacity: 8, seatsLeft: 8, cost: 800, place: "North beach", closed: false, mine: { booking: null, waitlist: null } });
    expect(first.when).toMatch(/EST|EDT/);
    expect(second).toMatchObject({ capacity: 1, cost: 600 });
    expect(second.when).toMatch(/UTC/);
    expect(await getRewardDetail("draft", null)).toBeNull();
    expect(await getRewardDetail("later", null)).toBeNull();
  });
});

describe("redeemRewardAction", () => {
  it("refuses a crafted request for a locked reward, changing nothing", async () => {
    const m = await member(5000);
    caller = m.user;
    const address = { name: "Casey Tester", line1: "1 Trail Way", city: "Portland", postcode: "97201", country: "United States" };
    expect(await redeemRewardAction({ rewardId: ids.lantern, ...address, requestKey: key() })).toMatchObject({ ok: false, code: "forbidden", error: "This reward is for Gold members and above." });
    expect(await redeemRewardAction({ rewardId: ids["members-mug"], ...address, requestKey: key() })).toMatchObject({ ok: false, code: "forbidden", error: "This reward is for paid members." });
    expect(await redeemRewardAction({ rewardId: ids["early-jacket"], ...address, requestKey: key() })).toMatchObject({ ok: false, error: `This reward opens on ${new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(earlyPublish)}.` });
    expect(await redeemRewardAction({ rewardId: ids.draft, requestKey: key() })).toMatchObject({ ok: false, code: "not_found" });
    expect((await getBalance(m.customerId)).available).toBe(5000);
    expect(await db.select().from(redemptions).where(eq(redemptions.customerId, m.customerId))).toEqual([]);
  });

  it("refuses anyone signed out before reading the input", async () => {
    expect(await redeemRewardAction({ rewardId: ids["ten-off"], requestKey: key() })).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("returns a discount code at once and emails it", async () => {
    const m = await member(5000);
    caller = m.user;
    const result = await redeemRewardAction({ rewardId: ids["ten-off"], requestKey: key() });
    expect(result).toMatchObject({ ok: true, data: { status: "redeemed", kind: "discount", code: expect.stringMatching(/^CAIRN-[2-9A-Z]{10}$/) } });
    const code = result.ok && result.data.status === "redeemed" ? result.data.code : null;
    const [mail] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.to, m.email), eq(emailOutbox.template, "redemption-confirmed")));
    expect(mail.subject).toBe("Your code for $10 off");
    expect(mail.html).toContain(code);
    expect(mail.attachments).toEqual([]);
    expect((await getBalance(m.customerId)).available).toBe(4000);
  });

  it("asks a product for a valid shipping address and keeps it with the redemption", async () => {
    const m = await member(5000);
    caller = m.user;
    const missing = await redeemRewardAction({ rewardId: ids.bottle, name: " ", line1: "", city: "Portland", postcode: "!!", country: "", requestKey: key() });
    expect(missing).toMatchObject({ ok: false, code: "invalid_input" });
    const errors = !missing.ok ? missing.fieldErrors : {};
    expect(Object.keys(errors ?? {}).sort()).toEqual(["country", "line1", "name", "postcode"]);
    expect((await getBalance(m.customerId)).available).toBe(5000);

    const form = new FormData();
    for (const [k, v] of Object.entries({ rewardId: ids.bottle, sessionId: "", requestKey: key(), name: "Casey Tester", line1: "1 Trail Way", line2: "", city: "Portland", postcode: "97201", country: "United States" })) form.set(k, v);
    const done = await redeemRewardAction(null, form);
    expect(done).toMatchObject({ ok: true, data: { status: "redeemed", kind: "product", code: null } });
    const [row] = await db.select().from(redemptions).where(eq(redemptions.customerId, m.customerId));
    expect(row).toMatchObject({ status: "pending", shippingAddress: { name: "Casey Tester", line1: "1 Trail Way", city: "Portland", postcode: "97201", country: "United States" } });
    expect(row.shippingAddress).not.toHaveProperty("line2");
    const [stock] = await db.select({ stock: rewards.stock }).from(rewards).where(eq(rewards.id, ids.bottle));
    expect(stock.stock).toBe(4);
  });

  it("refuses a form without its request key (a page from before the key) with a field error, changing nothing", async () => {
    const m = await member(5000);
    caller = m.user;
    for (const requestKey of [null, "", "not-a-key"]) {
      const form = new FormData();
      form.set("rewardId", ids["ten-off"]);
      if (requestKey !== null) form.set("requestKey", requestKey);
      expect(await redeemRewardAction(null, form)).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { requestKey: ["Reload the page and try again."] } });
    }
    expect((await getBalance(m.customerId)).available).toBe(5000);
    expect(await db.select().from(redemptions).where(eq(redemptions.customerId, m.customerId))).toEqual([]);
  });

  it("answers a form sent twice with the first outcome: one redemption, one email, one Stripe promotion code", async () => {
    const [promo] = await db
      .insert(rewards)
      .values(r(`promo-${uid()}`, { kind: "discount", title: "$5 off a membership", pointsCost: 500, discount: { type: "amount", value: 500, expiresInDays: 30, stripePromotion: true } }))
      .returning();
    const m = await member(5000);
    caller = m.user;
    const made = vi.mocked(createPromotionCodeForReward).mock.calls.length;
    const form = new FormData();
    for (const [k, v] of Object.entries({ rewardId: promo.id, sessionId: "", requestKey: key() })) form.set(k, v);
    const first = await redeemRewardAction(null, form);
    const second = await redeemRewardAction(first, form);
    expect(first).toMatchObject({ ok: true, data: { status: "redeemed", kind: "discount", code: expect.stringMatching(/^CAIRN-/) } });
    expect(second).toEqual(first);
    expect(vi.mocked(createPromotionCodeForReward).mock.calls.length - made).toBe(1);
    expect(await mailsTo(m.email)).toHaveLength(1);
    expect(await db.select().from(redemptions).where(eq(redemptions.customerId, m.customerId))).toHaveLength(1);
    expect((await getBalance(m.customerId)).available).toBe(4500);

    // A new render of the page is a new form: redeeming again on purpose is a second redemption.
    form.set("requestKey", key());
    const again = await redeemRewardAction(null, form);
    expect(again).toMatchObject({ ok: true, data: { status: "redeemed" } });
    expect(again.ok && again.data.status === "redeemed" && again.data.redemptionId).not.toBe(first.ok && first.data.status === "redeemed" && first.data.redemptionId);
    expect(await mailsTo(m.email)).toHaveLength(2);
    expect((await getBalance(m.customerId)).available).toBe(4000);
  });

  it("sends a booking sent twice to the same ticket, booked and emailed once", async () => {
    const [session] = await db.select().from(experienceSessions).where(and(eq(experienceSessions.rewardId, ids.kayak), eq(experienceSessions.capacity, 8)));
    const m = await member(5000);
    caller = m.user;
    const form = { rewardId: ids.kayak, sessionId: session.id, requestKey: key() };
    const first = await redirectOf(redeemRewardAction(form));
    const second = await redirectOf(redeemRewardAction(form));
    const [booking] = await db.select().from(redemptions).where(eq(redemptions.customerId, m.customerId));
    expect(first).toBe(`/redemptions/${booking.id}`);
    expect(second).toBe(first);
    expect(await db.select().from(redemptions).where(eq(redemptions.customerId, m.customerId))).toHaveLength(1);
    expect(await mailsTo(m.email)).toHaveLength(1);
    const [after] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, session.id));
    expect(after.booked).toBe(session.booked + 1);
    expect((await getBalance(m.customerId)).available).toBe(4200);
  });
});
