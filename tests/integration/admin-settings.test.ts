import { addMonths } from "date-fns";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import sharp from "sharp";
import { revalidatePath } from "next/cache";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { auditLog, customerTiers, earningRules, emailOutbox, pointLots, pointPostings, rewardImages, settings, tiers, users } from "@/db/schema";
import { DEFAULT_EARNING_RULES, DEFAULT_PROGRAM_SETTINGS, DEFAULT_TIERS } from "@/db/seed-program";
import type { CurrentUser } from "@/lib/auth/guards";
import { loadBrand } from "@/lib/brand/brand";
import { awardRule, awardSignup } from "@/lib/earning/award-rule";
import { sendEmail } from "@/lib/email/send-email";
import { SignInEmail } from "@/lib/email/templates/sign-in-email";
import { TierUpgradeEmail } from "@/lib/email/templates/tier-upgrade";
import { getOrCreateCustomer } from "@/lib/ledger/customers";
import { sendExpiryReminders } from "@/lib/ledger/reminders";
import { post } from "@/lib/ledger/post";
import { getProgramCurrency } from "@/lib/orders/program-currency";
import { recomputeTier } from "@/lib/tiers/tiers";

// The session is the action factory's input: each case decides who is calling.
let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => caller }));
// revalidatePath needs Next's request store; the tests call the actions directly.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));

const { updateBrandAction, updateEarningRuleAction, updatePointsPolicyAction, updateTiersAction } = await import("@/lib/settings-admin/actions");

const uid = () => crypto.randomUUID().slice(0, 8);
const REASON = "Testing the settings screens";

/** FormData as the page would send it; null removes a field (an unticked checkbox). */
function form(fields: Record<string, string | Blob | null>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== null) data.set(key, value);
  return data;
}

const ruleRow = async (id: string) => (await db.select().from(earningRules).where(eq(earningRules.id, id)))[0];
const tierRows = () => db.select().from(tiers).orderBy(asc(tiers.sortOrder));
const settingRow = async (key: string) => (await db.select().from(settings).where(eq(settings.key, key)))[0]?.value;
const auditCount = async () => (await db.select({ n: count() }).from(auditLog))[0].n;
const auditsFor = (entityType: string, entityId: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));

/** Everything the settings screens can change, to prove a refused call changed none of it. */
async function snapshot() {
  return {
    rules: await db.select().from(earningRules).orderBy(asc(earningRules.id)),
    tiers: await tierRows(),
    settings: await db.select().from(settings).orderBy(asc(settings.key)),
    images: (await db.select({ n: count() }).from(rewardImages))[0].n,
    audits: await auditCount(),
  };
}

/** The rule's edit form as the page sends it, with some fields changed (null: left out). */
function ruleForm(rule: typeof earningRules.$inferSelect, changes: Record<string, string | null> = {}) {
  return form({
    id: rule.id,
    name: rule.name,
    active: rule.active ? "on" : null,
    points: String(rule.points),
    capCount: rule.capCount === null ? "" : String(rule.capCount),
    capPeriod: rule.capPeriod ?? "none",
    holdDays: String(rule.holdDays),
    requiresApproval: rule.requiresApproval ? "on" : null,
    reason: REASON,
    ...changes,
  });
}

/** The tiers form with the stored values (points basis), changed per field name ("tiers.silver.threshold"). */
async function tiersForm(changes: Record<string, string | null> = {}) {
  const fields: Record<string, string | null> = { metric: "points", graceDays: "30", reason: REASON };
  for (const t of await tierRows()) {
    fields[`tiers.${t.id}.name`] = t.name;
    fields[`tiers.${t.id}.threshold`] = String(t.threshold);
    fields[`tiers.${t.id}.multiplier`] = t.multiplier;
    fields[`tiers.${t.id}.benefits`] = t.benefits.join("\n");
  }
  return form({ ...fields, ...changes });
}

const brandForm = (changes: Record<string, string | Blob | null> = {}) =>
  form({ programName: "Cairn", supportEmail: "help@cairn.test", currency: "USD", primaryColor: "#186355", logoUrl: "", reason: REASON, ...changes });

async function png(width: number, height: number): Promise<Blob> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: 24, g: 99, b: 85 } } })
    .png()
    .toBuffer();
  return new Blob([new Uint8Array(bytes)], { type: "image/png" });
}

let admin: CurrentUser;
let member: CurrentUser;

async function user(email: string, role: "admin" | "member"): Promise<CurrentUser> {
  const [row] = await db
    .insert(users)
    .values({ email, name: email.split("@")[0], role })
    .returning();
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/** The seeded program, restored before each test whatever the last one changed. */
async function resetProgram() {
  await db.delete(earningRules).where(
    inArray(
      earningRules.id,
      DEFAULT_EARNING_RULES.map((r) => r.id),
    ),
  );
  await db.insert(earningRules).values(DEFAULT_EARNING_RULES);
  for (const tier of DEFAULT_TIERS) {
    await db
      .insert(tiers)
      .values(tier)
      .onConflictDoUpdate({
        target: tiers.id,
        set: { name: tier.name, threshold: tier.threshold, multiplier: tier.multiplier, benefits: tier.benefits, sortOrder: tier.sortOrder },
      });
  }
  await db.delete(settings);
  // Each test reads only the audit rows it wrote.
  await db.delete(auditLog);
  await db
    .insert(settings)
    .values([
      ...Object.entries(DEFAULT_PROGRAM_SETTINGS).map(([key, value]) => ({ key, value })),
      { key: "program", value: { programName: "Cairn", supportEmail: "help@cairn.test", currency: "USD", pointsPerCurrencyUnit: 100 } },
    ]);
}

beforeAll(async () => {
  admin = await user("settings-admin@example.com", "admin");
  member = await user("settings-member@example.com", "member");
});

beforeEach(async () => {
  caller = admin;
  await resetProgram();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("who may change settings", () => {
  it.each([
    ["an anonymous caller", null, "unauthenticated"],
    ["a member", "member", "forbidden"],
  ] as const)("refuses %s on every settings form and changes nothing", async (_case, role, code) => {
    caller = role ? member : null;
    const before = await snapshot();
    const signup = await ruleRow("signup");
    const results = [
      await updateEarningRuleAction(null, ruleForm(signup, { points: "5000" })),
      await updateTiersAction(null, await tiersForm({ "tiers.silver.threshold": "10" })),
      await updatePointsPolicyAction(null, form({ expires: "never", pointValueCents: "50", reason: REASON })),
      await updateBrandAction(null, brandForm({ programName: "Hijacked", logo: await png(64, 64) })),
    ];
    for (const result of results) expect(result).toMatchObject({ ok: false, code });
    expect(await snapshot()).toEqual(before);
  });
});

describe("earning rules", () => {
  it("saves a change and audits the changed fields with actor, reason, before and after", async () => {
    const review = await ruleRow("review");
    const result = await updateEarningRuleAction(
      null,
      ruleForm(review, { name: "Product review (photo)", points: "75", capCount: "3", capPeriod: "month", holdDays: "7", requiresApproval: "on", reason: "Photo reviews only" }),
    );
    expect(result).toMatchObject({ ok: true, data: { id: "review", changed: ["name", "points", "capCount", "holdDays", "requiresApproval"] } });
    expect(await ruleRow("review")).toMatchObject({
      name: "Product review (photo)",
      points: 75,
      capCount: 3,
      capPeriod: "month",
      holdDays: 7,
      requiresApproval: true,
      active: true,
    });

    const audits = await auditsFor("earning_rule", "review");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: admin.id,
      action: "earning_rule.updated",
      reason: "Photo reviews only",
      // The seed: review is 50 points, 5 a month, no hold, no approval.
      before: { name: "Product review", points: 50, capCount: 5, holdDays: 0, requiresApproval: false },
      after: { name: "Product review (photo)", points: 75, capCount: 3, holdDays: 7, requiresApproval: true },
    });
    expect(Object.keys(audits[0].before as object).sort()).toEqual(["capCount", "holdDays", "name", "points", "requiresApproval"]);
  });

  it("switches a cap off and a rule off", async () => {
    const birthday = await ruleRow("birthday");
    const result = await updateEarningRuleAction(null, ruleForm(birthday, { capCount: "", capPeriod: "none", active: null }));
    expect(result).toMatchObject({ ok: true, data: { changed: ["active", "capCount", "capPeriod"] } });
    expect(await ruleRow("birthday")).toMatchObject({ active: false, capCount: null, capPeriod: null });
    const [audit] = await auditsFor("earning_rule", "birthday");
    expect(audit).toMatchObject({ before: { active: true, capCount: 1, capPeriod: "year" }, after: { active: false, capCount: null, capPeriod: null } });
  });

  it("saves the form unchanged without an audit row", async () => {
    const audits = await auditCount();
    expect(await updateEarningRuleAction(null, ruleForm(await ruleRow("survey")))).toMatchObject({ ok: true, data: { changed: [] } });
    expect(await auditCount()).toBe(audits);
  });

  it("offers the membership bonus only its switch: points stay the plan's", async () => {
    const membership = await ruleRow("membership");
    const result = await updateEarningRuleAction(null, form({ id: "membership", name: membership.name, reason: REASON }));
    expect(result).toMatchObject({ ok: true, data: { changed: ["active"] } });
    expect(await ruleRow("membership")).toMatchObject({ active: false, points: 0, holdDays: 0 });
  });

  it.each([
    ["negative points", "signup", { points: "-1" }, "points"],
    ["fractional points", "signup", { points: "2.5" }, "points"],
    ["blank points", "signup", { points: "" }, "points"],
    ["points that are not a number", "signup", { points: "lots" }, "points"],
    ["more than 1,000 points per unit on purchases", "purchase", { points: "1001" }, "points"],
    ["a cap count without a period", "survey", { capCount: "3", capPeriod: "none" }, "capPeriod"],
    ["a cap period without a count", "survey", { capCount: "", capPeriod: "month" }, "capCount"],
    ["a cap of zero", "review", { capCount: "0" }, "capCount"],
    ["an unknown cap period", "review", { capPeriod: "week" }, "capPeriod"],
    ["a cap on purchases", "purchase", { capCount: "5", capPeriod: "day" }, "capCount"],
    ["approval on a rule that has no claims", "signup", { requiresApproval: "on" }, "requiresApproval"],
    ["a negative hold", "review", { holdDays: "-3" }, "holdDays"],
    ["a hold over a year", "review", { holdDays: "366" }, "holdDays"],
    ["an empty name", "review", { name: "  " }, "name"],
    ["no reason", "review", { reason: "" }, "reason"],
    ["an unknown rule", "review", { id: "referral" }, "id"],
  ])("refuses %s with a field error and changes nothing", async (_case, ruleId, changes, field) => {
    const before = await snapshot();
    const result = await updateEarningRuleAction(null, ruleForm(await ruleRow(ruleId), { name: "Edited", ...changes }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid_input");
    expect(result.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    expect(await snapshot()).toEqual(before);
  });

  it("applies a change to the next award and leaves awards already made as they were", async () => {
    const first = (await getOrCreateCustomer(`first-${uid()}@example.com`)).id;
    expect(await awardSignup(first)).toMatchObject({ status: "awarded", points: 100, pending: false });

    // 100 → 250 points, held 14 days.
    expect(await updateEarningRuleAction(null, ruleForm(await ruleRow("signup"), { points: "250", holdDays: "14" }))).toMatchObject({ ok: true });
    const second = (await getOrCreateCustomer(`second-${uid()}@example.com`)).id;
    expect(await awardSignup(second)).toMatchObject({ status: "awarded", points: 250, pending: true });

    const [earlier] = await db.select().from(pointPostings).where(eq(pointPostings.customerId, first));
    expect(earlier.points).toBe(100);

    // Switched off: the next customer gets nothing.
    expect(await updateEarningRuleAction(null, ruleForm(await ruleRow("signup"), { active: null }))).toMatchObject({ ok: true });
    const third = (await getOrCreateCustomer(`third-${uid()}@example.com`)).id;
    expect(await awardSignup(third)).toMatchObject({ status: "inactive", points: 0 });
  });

  it("applies a new cap to the next award", async () => {
    const c = (await getOrCreateCustomer(`sharer-${uid()}@example.com`)).id;
    const share = (i: number) => awardRule({ customerId: c, ruleId: "social_share", key: `share:${c}:${i}` });
    expect((await share(1)).status).toBe("awarded");
    // The seed allows 4 a month; lowered to 1, the second share this month is capped.
    expect(await updateEarningRuleAction(null, ruleForm(await ruleRow("social_share"), { capCount: "1" }))).toMatchObject({ ok: true });
    expect((await share(2)).status).toBe("capped");
  });
});

describe("tiers", () => {
  it("saves names, thresholds, multipliers and benefits, with one audit row per changed tier", async () => {
    const result = await updateTiersAction(
      null,
      await tiersForm({
        "tiers.silver.name": "Granite",
        "tiers.silver.threshold": "1,200",
        "tiers.silver.multiplier": "1.3",
        "tiers.gold.benefits": "1.5× points\n\n  Member events  \nFree returns",
        reason: "New ladder for spring",
      }),
    );
    expect(result).toMatchObject({ ok: true, data: { changedTiers: ["silver", "gold"], settingsChanged: false } });
    const [bronze, silver, gold, platinum] = await tierRows();
    expect(silver).toMatchObject({ name: "Granite", threshold: 1200, multiplier: "1.30" });
    expect(gold.benefits).toEqual(["1.5× points", "Member events", "Free returns"]);
    expect(bronze).toMatchObject({ name: "Bronze", threshold: 0, multiplier: "1.00" });
    expect(platinum).toMatchObject({ threshold: 15000 });

    expect(await auditsFor("tier", "silver")).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        action: "tier.updated",
        reason: "New ladder for spring",
        before: { name: "Silver", threshold: 1000, multiplier: "1.25" },
        after: { name: "Granite", threshold: 1200, multiplier: "1.30" },
      }),
    ]);
    expect(await auditsFor("tier", "gold")).toEqual([
      expect.objectContaining({
        before: { benefits: ["1.5× points", "Member events", "Free shipping"] },
        after: { benefits: ["1.5× points", "Member events", "Free returns"] },
      }),
    ]);
    expect(await auditsFor("tier", "bronze")).toEqual([]);
    expect(await auditsFor("settings", "tiers")).toEqual([]);
  });

  it("switches the qualifying basis to spend, reading thresholds as amounts, and audits the setting", async () => {
    const result = await updateTiersAction(
      null,
      await tiersForm({
        metric: "spend",
        graceDays: "14",
        "tiers.bronze.threshold": "0",
        "tiers.silver.threshold": "250",
        "tiers.gold.threshold": "1,000.50",
        "tiers.platinum.threshold": "$5000",
      }),
    );
    expect(result).toMatchObject({ ok: true, data: { settingsChanged: true } });
    // Stored in cents: $250 → 25,000; $1,000.50 → 100,050; $5,000 → 500,000.
    expect((await tierRows()).map((t) => t.threshold)).toEqual([0, 25_000, 100_050, 500_000]);
    expect(await settingRow("tiers")).toEqual({ metric: "spend", graceDays: 14 });
    expect(await auditsFor("settings", "tiers")).toEqual([
      expect.objectContaining({ action: "tiers.settings.update", actorId: admin.id, before: { metric: "points", graceDays: 30 }, after: { metric: "spend", graceDays: 14 } }),
    ]);
  });

  it.each([
    ["a lowest tier above 0", { "tiers.bronze.threshold": "10" }, "tiers.bronze.threshold"],
    ["a threshold equal to the tier below", { "tiers.gold.threshold": "1000" }, "tiers.gold.threshold"],
    ["a threshold below the tier below", { "tiers.platinum.threshold": "4999" }, "tiers.platinum.threshold"],
    ["a negative threshold", { "tiers.silver.threshold": "-5" }, "tiers.silver.threshold"],
    ["a fractional points threshold", { "tiers.silver.threshold": "1000.5" }, "tiers.silver.threshold"],
    ["a spend threshold with three decimals", { metric: "spend", "tiers.silver.threshold": "10.001" }, "tiers.silver.threshold"],
    ["a multiplier below 1", { "tiers.gold.multiplier": "0.9" }, "tiers.gold.multiplier"],
    ["a multiplier above 10", { "tiers.gold.multiplier": "10.5" }, "tiers.gold.multiplier"],
    ["a multiplier with three decimals", { "tiers.gold.multiplier": "1.255" }, "tiers.gold.multiplier"],
    ["an empty tier name", { "tiers.gold.name": " " }, "tiers.gold.name"],
    ["nine benefits", { "tiers.gold.benefits": Array.from({ length: 9 }, (_, i) => `Perk ${i}`).join("\n") }, "tiers.gold.benefits"],
    ["an unknown basis", { metric: "visits" }, "metric"],
    ["a grace period over a year", { graceDays: "400" }, "graceDays"],
    ["no reason", { reason: "" }, "reason"],
  ])("refuses %s with a field error and changes nothing", async (_case, changes, field) => {
    const before = await snapshot();
    const result = await updateTiersAction(null, await tiersForm({ "tiers.silver.name": "Edited", ...changes }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid_input");
    expect(result.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a form that misses a tier (opened before the ladder changed) and changes nothing", async () => {
    const before = await snapshot();
    const result = await updateTiersAction(
      null,
      await tiersForm({ "tiers.platinum.name": null, "tiers.platinum.threshold": null, "tiers.platinum.multiplier": null, "tiers.platinum.benefits": null }),
    );
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    expect(await snapshot()).toEqual(before);
  });

  it("changes no member's tier on save: a new threshold applies at the next recompute, after the grace", async () => {
    const c = (await getOrCreateCustomer(`climber-${uid()}@example.com`)).id;
    await post({ kind: "earn", key: `test:${c}`, customerId: c, points: 1100, reason: "purchase", memo: "Test purchase" });
    await recomputeTier(c, "test");
    const [qualified] = await db.select().from(customerTiers).where(eq(customerTiers.customerId, c));
    expect(qualified).toMatchObject({ tierId: "silver", downgradeAfter: null });

    // Silver now needs 1,200: the member's row is untouched by the save.
    expect(await updateTiersAction(null, await tiersForm({ "tiers.silver.threshold": "1200" }))).toMatchObject({ ok: true });
    const [afterSave] = await db.select().from(customerTiers).where(eq(customerTiers.customerId, c));
    expect(afterSave).toEqual(qualified);

    // The next recompute starts the 30-day grace instead of dropping them at once.
    await recomputeTier(c, "test");
    const [afterRecompute] = await db.select().from(customerTiers).where(eq(customerTiers.customerId, c));
    expect(afterRecompute.tierId).toBe("silver");
    expect(afterRecompute.downgradeAfter).not.toBeNull();
  });
});

describe("points expiry and value", () => {
  const policyForm = (changes: Record<string, string | null> = {}) => form({ expires: "months", expiryMonths: "12", pointValueCents: "1", reason: REASON, ...changes });

  it("saves and audits the policy; new lots get the new expiry, lots already earned keep theirs", async () => {
    const c = (await getOrCreateCustomer(`expiry-${uid()}@example.com`)).id;
    const earnedBefore = new Date("2026-01-15T12:00:00Z");
    await post({ kind: "earn", key: `old:${c}`, customerId: c, points: 100, reason: "purchase", memo: "Before", at: earnedBefore });

    const result = await updatePointsPolicyAction(null, policyForm({ expiryMonths: "6", pointValueCents: "2", reason: "Shorter expiry, richer points" }));
    expect(result).toMatchObject({ ok: true, data: { policy: { expiryMonths: 6, pointValueCents: 2 }, changed: ["expiryMonths", "pointValueCents"] } });
    expect(await settingRow("points")).toEqual({ expiryMonths: 6, pointValueCents: 2 });
    expect(await auditsFor("settings", "points")).toEqual([
      expect.objectContaining({
        action: "points.policy.update",
        actorId: admin.id,
        reason: "Shorter expiry, richer points",
        before: { expiryMonths: 12, pointValueCents: 1 },
        after: { expiryMonths: 6, pointValueCents: 2 },
      }),
    ]);

    const earnedAfter = new Date("2026-02-01T12:00:00Z");
    await post({ kind: "earn", key: `new:${c}`, customerId: c, points: 100, reason: "purchase", memo: "After", at: earnedAfter });
    const lots = await db.select().from(pointLots).where(eq(pointLots.customerId, c)).orderBy(asc(pointLots.id));
    expect(lots.map((l) => l.expiresAt)).toEqual([addMonths(earnedBefore, 12), addMonths(earnedAfter, 6)]);
    expect((await loadBrand()).pointValueCents).toBe(2);
  });

  it("lets points never expire, ignoring whatever the months field still holds", async () => {
    expect(await updatePointsPolicyAction(null, policyForm({ expires: "never", expiryMonths: "not a number" }))).toMatchObject({
      ok: true,
      data: { policy: { expiryMonths: null } },
    });
    const c = (await getOrCreateCustomer(`forever-${uid()}@example.com`)).id;
    await post({ kind: "earn", key: `forever:${c}`, customerId: c, points: 10, reason: "purchase", memo: "Forever" });
    const [lot] = await db.select().from(pointLots).where(eq(pointLots.customerId, c));
    expect(lot.expiresAt).toBeNull();
  });

  it("shows members the point value in the program currency (the expiry reminder)", async () => {
    expect(await updatePointsPolicyAction(null, policyForm({ pointValueCents: "2" }))).toMatchObject({ ok: true });
    expect(await updateBrandAction(null, brandForm({ currency: "EUR" }))).toMatchObject({ ok: true });
    const email = `reminded-${uid()}@example.com`;
    const c = (await getOrCreateCustomer(email)).id;
    const now = new Date("2026-03-01T12:00:00Z");
    await post({ kind: "earn", key: `soon:${c}`, customerId: c, points: 500, reason: "purchase", memo: "Expiring", at: now, expiresAt: new Date("2026-03-20T12:00:00Z") });
    await sendExpiryReminders(now);
    const [reminder] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, email));
    // 500 points × 2 cents = 1,000 cents = €10.00
    expect(reminder.text).toContain("(worth €10.00)");
  });

  it.each([
    ["0 months", { expiryMonths: "0" }, "expiryMonths"],
    ["121 months", { expiryMonths: "121" }, "expiryMonths"],
    ["no months when points expire", { expiryMonths: "" }, "expiryMonths"],
    ["a negative point value", { pointValueCents: "-1" }, "pointValueCents"],
    ["a point value over $1", { pointValueCents: "101" }, "pointValueCents"],
    ["a fractional point value", { pointValueCents: "0.5" }, "pointValueCents"],
    ["no choice about expiry", { expires: null }, "expires"],
    ["no reason", { reason: " " }, "reason"],
  ])("refuses %s with a field error and changes nothing", async (_case, changes, field) => {
    const before = await snapshot();
    const result = await updatePointsPolicyAction(null, policyForm({ pointValueCents: "3", ...changes }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid_input");
    expect(result.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    expect(await snapshot()).toEqual(before);
  });
});

describe("brand", () => {
  it("saves the brand, audits it, and the app reads it (currency for orders too)", async () => {
    const result = await updateBrandAction(
      null,
      brandForm({ programName: "  Trailhead Rewards ", supportEmail: "Help@Trailhead.example", currency: "eur", primaryColor: "#1D4ED8", reason: "Rebrand" }),
    );
    expect(result).toMatchObject({ ok: true });
    const brand = await loadBrand();
    expect(brand).toMatchObject({ programName: "Trailhead Rewards", supportEmail: "Help@Trailhead.example", currency: "EUR", primaryColor: "#1d4ed8", logoSrc: null });
    expect(await getProgramCurrency()).toBe("EUR");

    const audits = await auditsFor("settings", "program");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: "brand.update",
      actorId: admin.id,
      reason: "Rebrand",
      before: { programName: "Cairn", supportEmail: "help@cairn.test", currency: "USD", primaryColor: "#186355" },
      after: { programName: "Trailhead Rewards", supportEmail: "Help@Trailhead.example", currency: "EUR", primaryColor: "#1d4ed8" },
    });
  });

  it("refuses a button colour that fails 4.5:1 against white text and names a darker one that passes", async () => {
    const before = await snapshot();
    // #4bb39a (the default palette's brand-400) has about 2.6:1 against white.
    const result = await updateBrandAction(null, brandForm({ primaryColor: "#4bb39a" }));
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    if (result.ok) return;
    const message = result.fieldErrors?.primaryColor?.[0] ?? "";
    expect(message).toMatch(/2\.\d+:1/);
    const suggestion = /Try (#[0-9a-f]{6})/.exec(message)?.[1];
    expect(suggestion).toBeDefined();
    expect(await snapshot()).toEqual(before);

    // The suggestion is accepted as it is.
    expect(await updateBrandAction(null, brandForm({ primaryColor: suggestion! }))).toMatchObject({ ok: true });
    expect((await loadBrand()).primaryColor).toBe(suggestion);
  });

  it.each([
    ["an empty name", { programName: "   " }, "programName"],
    ["a name over 60 characters", { programName: "x".repeat(61) }, "programName"],
    ["a malformed support email", { supportEmail: "help at example" }, "supportEmail"],
    ["a currency that is not a code", { currency: "dollars" }, "currency"],
    ["an unknown currency", { currency: "XYZ" }, "currency"],
    ["a currency without cents", { currency: "JPY" }, "currency"],
    ["a colour that is not hex", { primaryColor: "green" }, "primaryColor"],
    ["white buttons", { primaryColor: "#ffffff" }, "primaryColor"],
    ["a logo link that is not https", { logoUrl: "http://example.com/logo.png" }, "logoUrl"],
    ["a logo that is not an image", { logo: new Blob(["<svg onload='alert(1)'/>"], { type: "image/png" }) }, "logo"],
    ["a logo over 2 MB", { logo: new Blob([new Uint8Array(2 * 1024 * 1024 + 1)], { type: "image/png" }) }, "logo"],
    ["no reason", { reason: "" }, "reason"],
  ])("refuses %s with a field error and changes nothing", async (_case, changes, field) => {
    const before = await snapshot();
    const result = await updateBrandAction(null, brandForm({ programName: "Edited", ...changes }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid_input");
    expect(result.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an upload and a link together", async () => {
    const before = await snapshot();
    const result = await updateBrandAction(null, brandForm({ logo: await png(64, 64), logoUrl: "https://example.com/logo.png" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { logoUrl: [expect.any(String)] } });
    expect(await snapshot()).toEqual(before);
  });

  it("stores an uploaded logo resized to fit 640×128, serves it from the image route, and removes it", async () => {
    expect(await updateBrandAction(null, brandForm({ logo: await png(1000, 500) }))).toMatchObject({ ok: true });
    const brand = await loadBrand();
    expect(brand.logoImageId).toEqual(expect.any(String));
    expect(brand.logoSrc).toBe(`/api/rewards/images/${brand.logoImageId}`);
    const [image] = await db.select().from(rewardImages).where(eq(rewardImages.id, brand.logoImageId!));
    // 1000×500 scaled to fit 640×128 keeps its 2:1 shape: 256×128.
    expect(image).toMatchObject({ contentType: "image/png", width: 256, height: 128 });

    const { GET } = await import("@/app/api/rewards/images/[id]/route");
    const response = await GET(new Request(`http://localhost${brand.logoSrc}`), { params: Promise.resolve({ id: brand.logoImageId! }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");

    // A link replaces the upload; "remove" goes back to the built-in mark.
    expect(await updateBrandAction(null, brandForm({ logoUrl: "https://cdn.example.com/logo.png" }))).toMatchObject({ ok: true });
    expect(await loadBrand()).toMatchObject({ logoImageId: null, logoUrl: "https://cdn.example.com/logo.png", logoSrc: "https://cdn.example.com/logo.png" });
    expect(await updateBrandAction(null, brandForm({ removeLogo: "on" }))).toMatchObject({ ok: true });
    expect(await loadBrand()).toMatchObject({ logoImageId: null, logoUrl: null, logoSrc: null });
    const actions = (await auditsFor("settings", "program")).map((a) => a.after);
    expect(actions).toEqual([{ logoImageId: brand.logoImageId }, { logoImageId: null, logoUrl: "https://cdn.example.com/logo.png" }, { logoUrl: null }]);
  });

  it("puts the brand's name, colour and support email in the emails rendered after the change", async () => {
    await updateBrandAction(null, brandForm({ programName: "Trailhead Rewards", supportEmail: "help@trailhead.example", primaryColor: "#1d4ed8", reason: "Rebrand" }));

    const to = `reader-${uid()}@example.com`;
    await sendEmail({
      to,
      subject: "You've reached Gold",
      template: "tier-upgrade",
      react: TierUpgradeEmail({ name: "Morgan", tierName: "Gold", multiplier: "1.5×", benefits: [], dashboardUrl: "http://localhost:3000/dashboard" }),
    });
    await sendEmail({ to, subject: "Sign in", template: "sign-in", react: SignInEmail({ url: "http://localhost:3000/x", email: to, minutes: 15 }) });
    const sent = await db.select().from(emailOutbox).where(eq(emailOutbox.to, to));
    const upgrade = sent.find((m) => m.template === "tier-upgrade")!;
    const signIn = sent.find((m) => m.template === "sign-in")!;

    expect(upgrade.text).toContain("Trailhead Rewards");
    expect(upgrade.text).toContain("because of your Trailhead Rewards membership");
    expect(upgrade.text).toContain("help@trailhead.example");
    expect(upgrade.text).not.toContain("Cairn");
    expect(upgrade.html).toContain("background-color:#1d4ed8");

    expect(signIn.text).toContain("Sign in to Trailhead Rewards");
    expect(signIn.html).toContain("Your sign-in link for Trailhead Rewards");
  });

  it("keeps the defaults when nothing is stored, and ignores a malformed stored field on its own", async () => {
    await db.delete(settings).where(eq(settings.key, "program"));
    expect(await loadBrand()).toMatchObject({ programName: "Cairn", currency: "USD", primaryColor: "#186355", supportEmail: null, logoSrc: null, pointValueCents: 1 });
    await db.insert(settings).values({ key: "program", value: { programName: "Trailhead", primaryColor: "#ffffff", currency: "JPY" } });
    expect(await loadBrand()).toMatchObject({ programName: "Trailhead", currency: "USD", primaryColor: "#186355" });
  });
});

describe("the visitor's static pages (decision 0012)", () => {
  /** What one successful save revalidated, as [path, type] pairs. */
  async function revalidatedBy(save: () => Promise<unknown>) {
    vi.mocked(revalidatePath).mockClear();
    expect(await save()).toMatchObject({ ok: true });
    return vi.mocked(revalidatePath).mock.calls;
  }
  const copies = ["/visitor/[view]", "page"];
  const everyPage = ["/", "layout"];

  it("re-renders the copies when the landing page's earning rate or the tier names change", async () => {
    const purchase = await ruleRow("purchase");
    expect(await revalidatedBy(async () => updateEarningRuleAction(null, ruleForm(purchase, { points: "7" })))).toContainEqual(copies);
    expect(await revalidatedBy(async () => updateTiersAction(null, await tiersForm({ "tiers.silver.name": "Quartz" })))).toContainEqual(copies);
  });

  it("re-renders every page, the static ones too, when the point value or the brand in the root layout changes", async () => {
    expect(await revalidatedBy(() => updatePointsPolicyAction(null, form({ expires: "never", pointValueCents: "2", reason: REASON })))).toContainEqual(everyPage);
    const brand = await revalidatedBy(() => updateBrandAction(null, brandForm({ programName: "Trailhead Rewards" })));
    expect(brand).toContainEqual(everyPage);
    expect(brand).toContainEqual(copies);
  });
});
