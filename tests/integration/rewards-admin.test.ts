import { count, eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { auditLog, experienceSessions, rewardImages, rewards, tiers, users, type ExperienceSession, type Reward } from "@/db/schema";
import { DEFAULT_TIERS } from "@/db/seed-program";
import type { CurrentUser } from "@/lib/auth/guards";
import { MAX_IMAGE_BYTES } from "@/lib/rewards/schemas";

// The session is the action factory's input: each case decides who is calling.
let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => caller }));
// revalidatePath needs Next's request store; the tests call the actions directly.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));

const { archiveRewardAction, cancelDraftSessionAction, createRewardAction, createSessionAction, updateRewardAction, updateSessionAction } = await import("@/lib/rewards/admin-actions");


/** A reward form as the new-reward page sends it, with some fields changed or removed. */
function rewardForm(changes: Record<string, string | Blob | null> = {}): FormData {
  const fields: Record<string, string | Blob | null> = {
    title: "Canvas tote bag",
    slug: "",
    description: "A sturdy **canvas** tote.",
    kind: "product",
    status: "active",
    pointsCost: "1500",
    stock: "20",
    perMemberLimit: "2",
    publishAt: "",
    unpublishAt: "",
    minTier: "none",
    earlyAccessDays: "0",
    earlyAccessTier: "none",
    category: "Gear",
    sortOrder: "10",
    imageUrl: "",
    image: new File([], ""),
    ...changes,
  };
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== null) form.set(key, value);
  return form;
}

function editForm(reward: Reward, changes: Record<string, string | Blob | null> = {}): FormData {
  return rewardForm({
    id: reward.id,
    title: reward.title,
    slug: reward.slug,
    description: reward.description,
    kind: reward.kind,
    status: reward.status,
    pointsCost: String(reward.pointsCost),
    stock: reward.stock === null ? "" : String(reward.stock),
    perMemberLimit: reward.perMemberLimit === null ? "" : String(reward.perMemberLimit),
    category: reward.category ?? "",
    sortOrder: String(reward.sortOrder),
    imageUrl: reward.imageUrl ?? "",
    reason: "Testing the reward editor",
    ...changes,
  });
}

function sessionForm(rewardId: string, changes: Record<string, string | null> = {}): FormData {
  const fields: Record<string, string | null> = {
    rewardId,
    startsAt: "2031-06-01T06:00",
    endsAt: "2031-06-01T09:00",
    timeZone: "America/Los_Angeles",
    location: "North beach boathouse",
    onlineUrl: "",
    capacity: "8",
    perMemberLimit: "1",
    cutoffHours: "24",
    pointsCost: "",
    mode: "first_come",
    drawOpensAt: "",
    drawClosesAt: "",
    ...changes,
  };
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== null) form.set(key, value);
  return form;
}

/** Everything an admin change could touch: counts and rows. */
async function snapshot() {
  const [[r], [i], [s], [a]] = await Promise.all([
    db.select({ n: count() }).from(rewards),
    db.select({ n: count() }).from(rewardImages),
    db.select({ n: count() }).from(experienceSessions),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { rewards: r.n, images: i.n, sessions: s.n, audits: a.n, rows: await db.select().from(rewards).orderBy(rewards.id), sessionRows: await db.select().from(experienceSessions).orderBy(experienceSessions.id) };
}

const pngBytes = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#2a7" } }).png().toBuffer();

async function createOk(form: FormData) {
  const result = await createRewardAction(null, form);
  if (!result.ok) throw new Error(`create failed: ${result.error} ${JSON.stringify(result.fieldErrors)}`);
  const [reward] = await db.select().from(rewards).where(eq(rewards.id, result.data.id));
  return reward;
}

async function experience(slug: string): Promise<Reward> {
  return createOk(rewardForm({ title: "Sunrise paddle", slug, kind: "experience", pointsCost: "800", stock: "", perMemberLimit: "" }));
}

async function sessionOk(form: FormData): Promise<ExperienceSession> {
  const result = await createSessionAction(null, form);
  if (!result.ok) throw new Error(`session failed: ${result.error} ${JSON.stringify(result.fieldErrors)}`);
  const [session] = await db.select().from(experienceSessions).where(eq(experienceSessions.id, result.data.id));
  return session;
}

describe("admin rewards catalog", () => {
  let admin: CurrentUser;

  beforeAll(async () => {
    await db.insert(tiers).values(DEFAULT_TIERS).onConflictDoNothing();
    const [user] = await db.insert(users).values({ email: "rewards-admin@example.com", name: "Rewards Admin", role: "admin" }).returning();
    admin = { id: user.id, email: user.email, name: user.name, role: "admin" };
  });
  beforeEach(() => {
    caller = admin;
  });

  it("creates a reward with a slug from the title and a reward.created audit row", async () => {
    const result = await createRewardAction(null, rewardForm({ title: "Canvas tote bag — natural!" }));
    expect(result).toMatchObject({ ok: true, data: { slug: "canvas-tote-bag-natural" } });
    if (!result.ok) return;
    const [reward] = await db.select().from(rewards).where(eq(rewards.id, result.data.id));
    expect(reward).toMatchObject({ kind: "product", status: "active", pointsCost: 1500, stock: 20, perMemberLimit: 2, category: "Gear", sortOrder: 10, discount: null, imageId: null });
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, reward.id));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: admin.id, action: "reward.created", entityType: "reward", before: null, after: { slug: "canvas-tote-bag-natural", pointsCost: 1500 } });
    expect(audits[0].reason).toBeTruthy();
  });

  it("stores discount, donation and gating settings", async () => {
    const discount = await createOk(rewardForm({ title: "$5 off", kind: "discount", stock: "", discountType: "amount", discountValue: "5.00", discountExpiresInDays: "60", stripePromotion: "on" }));
    expect(discount.discount).toEqual({ type: "amount", value: 500, expiresInDays: 60, stripePromotion: true });
    const percent = await createOk(rewardForm({ title: "15% off", kind: "discount", discountType: "percent", discountValue: "15" }));
    expect(percent.discount).toEqual({ type: "percent", value: 15, expiresInDays: null, stripePromotion: false });
    const tree = await createOk(rewardForm({ title: "Plant one tree", kind: "donation", cause: "Reforestation" }));
    expect(tree.cause).toBe("Reforestation");
    const gated = await createOk(
      rewardForm({ title: "Gold lounge", minTier: "gold", paidMembersOnly: "on", publishAt: "2031-01-01T09:00", unpublishAt: "2031-02-01T09:00", earlyAccessDays: "3", earlyAccessTier: "silver" }),
    );
    expect(gated).toMatchObject({ minTierId: "gold", paidMembersOnly: true, earlyAccessDays: 3, earlyAccessTierId: "silver" });
    expect(gated.publishAt?.toISOString()).toBe("2031-01-01T09:00:00.000Z");
  });

  it("stores an uploaded PNG resized to 1200 px and serves it with cache headers", async () => {
    const png = await pngBytes(2000, 1000);
    const reward = await createOk(rewardForm({ title: "Trail map print", image: new File([new Uint8Array(png)], "map.png", { type: "image/png" }) }));
    expect(reward.imageId).toBeTruthy();
    const [image] = await db.select().from(rewardImages).where(eq(rewardImages.id, reward.imageId!));
    expect(image).toMatchObject({ contentType: "image/png", width: 1200, height: 600 });

    const { GET } = await import("@/app/api/rewards/images/[id]/route");
    const response = await GET(new Request(`http://localhost/api/rewards/images/${image.id}`), { params: Promise.resolve({ id: image.id }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).width).toBe(1200);
    for (const id of [crypto.randomUUID(), "not-a-uuid"]) {
      const missing = await GET(new Request(`http://localhost/api/rewards/images/${id}`), { params: Promise.resolve({ id }) });
      expect(missing.status).toBe(404);
    }
  });

  it("updates a reward with the changed fields, the reason and the actor in one audit row", async () => {
    const reward = await createOk(rewardForm({ title: "Camp mug" }));
    const result = await updateRewardAction(null, editForm(reward, { pointsCost: "1200", stock: "", reason: "Summer price" }));
    expect(result).toMatchObject({ ok: true, data: { changed: ["pointsCost", "stock"] } });
    const [after] = await db.select().from(rewards).where(eq(rewards.id, reward.id));
    expect(after).toMatchObject({ pointsCost: 1200, stock: null, title: "Camp mug" });
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "reward.updated"));
    const mine = audits.filter((a) => a.entityId === reward.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ actorId: admin.id, reason: "Summer price", before: { pointsCost: 1500, stock: 20 }, after: { pointsCost: 1200, stock: null } });

    // saved unchanged: nothing written
    const before = await snapshot();
    expect(await updateRewardAction(null, editForm(after))).toMatchObject({ ok: true, data: { changed: [] } });
    expect(await snapshot()).toEqual(before);

    // archived: out of the catalog, audited
    expect(await archiveRewardAction({ id: reward.id, reason: "Sold out for good" })).toMatchObject({ ok: true, data: { status: "archived" } });
    const archived = (await db.select().from(auditLog).where(eq(auditLog.entityId, reward.id))).at(-1);
    expect(archived).toMatchObject({ action: "reward.updated", before: { status: "active" }, after: { status: "archived" }, reason: "Sold out for good" });
  });

  it("refuses a slug used by another reward with a field error, on create and on edit", async () => {
    const first = await createOk(rewardForm({ title: "Water bottle", slug: "water-bottle" }));
    const before = await snapshot();
    const created = await createRewardAction(null, rewardForm({ title: "Another bottle", slug: "water-bottle" }));
    expect(created).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { slug: [expect.stringContaining("water-bottle")] } });
    const fromTitle = await createRewardAction(null, rewardForm({ title: "Water bottle" }));
    expect(fromTitle).toMatchObject({ ok: false, fieldErrors: { slug: [expect.any(String)] } });
    const other = await createOk(rewardForm({ title: "Coffee cup", slug: "coffee-cup" }));
    const afterOther = await snapshot();
    const edited = await updateRewardAction(null, editForm(other, { slug: first.slug }));
    expect(edited).toMatchObject({ ok: false, fieldErrors: { slug: [expect.any(String)] } });
    expect(await snapshot()).toEqual(afterOther);
    expect(before.rewards + 1).toBe(afterOther.rewards);
  });

  describe("refuses bad input with a field error, changing nothing and writing no audit row", () => {
    const bigPng = async () => {
      const bytes = new Uint8Array(MAX_IMAGE_BYTES + 10);
      bytes.set(await pngBytes(10, 10));
      return new File([bytes], "huge.png", { type: "image/png" });
    };
    it.each([
      ["a zero cost", () => ({ pointsCost: "0" }), "pointsCost"],
      ["a negative cost", () => ({ pointsCost: "-100" }), "pointsCost"],
      ["a fractional cost", () => ({ pointsCost: "10.5" }), "pointsCost"],
      ["a blank cost", () => ({ pointsCost: "" }), "pointsCost"],
      ["negative stock", () => ({ stock: "-1" }), "stock"],
      ["a zero per-member limit", () => ({ perMemberLimit: "0" }), "perMemberLimit"],
      ["a blank title", () => ({ title: "  " }), "title"],
      ["a malformed slug", () => ({ slug: "Sunrise Tour!" }), "slug"],
      ["an unknown kind", () => ({ kind: "voucher" }), "kind"],
      ["unpublish before publish", () => ({ publishAt: "2031-02-01T09:00", unpublishAt: "2031-01-01T09:00" }), "unpublishAt"],
      ["an impossible date", () => ({ publishAt: "2031-02-30T09:00" }), "publishAt"],
      ["a date that is not a date", () => ({ publishAt: "next tuesday" }), "publishAt"],
      ["an unknown tier", () => ({ minTier: "diamond" }), "minTier"],
      ["early access without a publish date", () => ({ earlyAccessDays: "3", earlyAccessTier: "gold" }), "earlyAccessDays"],
      ["a discount without a value", () => ({ kind: "discount", discountType: "amount", discountValue: "" }), "discountValue"],
      ["a discount of 120 %", () => ({ kind: "discount", discountType: "percent", discountValue: "120" }), "discountValue"],
      ["a donation without a cause", () => ({ kind: "donation" }), "cause"],
      ["an http image link", () => ({ imageUrl: "http://example.com/a.png" }), "imageUrl"],
      ["a javascript: image link", () => ({ imageUrl: "javascript:alert(1)" }), "imageUrl"],
      ["a text file renamed .png", () => ({ image: new File(["hello, not an image"], "photo.png", { type: "image/png" }) }), "image"],
      ["an upload over 2 MB", async () => ({ image: await bigPng() }), "image"],
    ] as const)("%s", async (_name, changes, field) => {
      const before = await snapshot();
      const result = await createRewardAction(null, rewardForm({ title: "Refused reward", ...(await changes()) }));
      expect(result).toMatchObject({ ok: false, code: "invalid_input" });
      if (result.ok) return;
      expect(result.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
      expect(await snapshot()).toEqual(before);
    });

    it("on edit: a missing reason, a kind change, a bad image, a zero cost", async () => {
      const reward = await createOk(rewardForm({ title: "Headlamp" }));
      const before = await snapshot();
      const cases: [Record<string, string | Blob | null>, string][] = [
        [{ reason: "" }, "reason"],
        [{ reason: null }, "reason"],
        [{ kind: "service" }, "kind"],
        [{ pointsCost: "0" }, "pointsCost"],
        [{ image: new File(["<svg onload=alert(1)>"], "x.png") }, "image"],
        [{ image: await bigPng() }, "image"],
      ];
      for (const [changes, field] of cases) {
        const result = await updateRewardAction(null, editForm(reward, changes));
        expect(result.ok, field).toBe(false);
        if (!result.ok) expect(result.fieldErrors?.[field], field).toBeDefined();
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  describe("experience sessions", () => {
    it("creates and updates a session in its own time zone, audited", async () => {
      const tour = await experience("paddle-a");
      const session = await sessionOk(sessionForm(tour.id));
      // 06:00 in Los Angeles in June is 13:00 UTC (PDT, UTC−7)
      expect(session).toMatchObject({ timeZone: "America/Los_Angeles", capacity: 8, mode: "first_come", cutoffHours: 24, pointsCost: null });
      expect(session.startsAt.toISOString()).toBe("2031-06-01T13:00:00.000Z");
      const [created] = await db.select().from(auditLog).where(eq(auditLog.entityId, session.id));
      expect(created).toMatchObject({ action: "session.created", entityType: "session", actorId: admin.id, after: { rewardId: tour.id, capacity: 8 } });

      const result = await updateSessionAction(null, sessionForm(tour.id, { id: session.id, capacity: "10", pointsCost: "900", reason: "Bigger boat" }));
      expect(result).toMatchObject({ ok: true, data: { changed: ["capacity", "pointsCost"] } });
      const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, session.id));
      expect(audits.at(-1)).toMatchObject({ action: "session.updated", before: { capacity: 8, pointsCost: null }, after: { capacity: 10, pointsCost: 900 }, reason: "Bigger boat" });
    });

    it("creates a draw session with its entry window", async () => {
      const tour = await experience("paddle-draw");
      const session = await sessionOk(sessionForm(tour.id, { timeZone: "UTC", mode: "draw", drawOpensAt: "2031-05-01T09:00", drawClosesAt: "2031-05-10T09:00" }));
      expect(session).toMatchObject({ mode: "draw" });
      expect(session.drawClosesAt?.toISOString()).toBe("2031-05-10T09:00:00.000Z");
    });

    it("refuses a capacity below the seats already booked, naming the count", async () => {
      const tour = await experience("paddle-booked");
      const session = await sessionOk(sessionForm(tour.id, { capacity: "6" }));
      await db.update(experienceSessions).set({ booked: 5 }).where(eq(experienceSessions.id, session.id));
      const before = await snapshot();
      const result = await updateSessionAction(null, sessionForm(tour.id, { id: session.id, capacity: "4", reason: "Smaller boat" }));
      expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { capacity: [expect.stringContaining("5 seats are already booked")] } });
      expect(await snapshot()).toEqual(before);
      expect(await updateSessionAction(null, sessionForm(tour.id, { id: session.id, capacity: "5", reason: "Smaller boat" }))).toMatchObject({ ok: true });
      // and a booked session can't be cancelled here (refunds are operations' job)
      expect(await cancelDraftSessionAction({ id: session.id, reason: "Storm" })).toMatchObject({ ok: false, code: "conflict" });
    });

    it("cancels an unbooked session, audited", async () => {
      const tour = await experience("paddle-cancel");
      const session = await sessionOk(sessionForm(tour.id));
      expect(await cancelDraftSessionAction({ id: session.id, reason: "Duplicate" })).toMatchObject({ ok: true, data: { status: "cancelled" } });
      const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, session.id));
      expect(audits.at(-1)).toMatchObject({ action: "session.updated", after: { status: "cancelled" }, reason: "Duplicate" });
    });

    it.each([
      ["end before start", { endsAt: "2031-06-01T05:00" }, "endsAt"],
      ["end equal to start", { endsAt: "2031-06-01T06:00" }, "endsAt"],
      ["an impossible date", { startsAt: "2031-02-30T06:00", endsAt: "2031-03-01T09:00" }, "startsAt"],
      ["a malformed date", { startsAt: "tomorrow" }, "startsAt"],
      ["an unknown time zone", { timeZone: "Mars/Olympus_Mons" }, "timeZone"],
      ["zero capacity", { capacity: "0" }, "capacity"],
      ["negative capacity", { capacity: "-2" }, "capacity"],
      ["a zero points override", { pointsCost: "0" }, "pointsCost"],
      ["a negative cut-off", { cutoffHours: "-1" }, "cutoffHours"],
      ["no location and no link", { location: "", onlineUrl: "" }, "location"],
      ["an http online link", { onlineUrl: "http://meet.example.com" }, "onlineUrl"],
      ["a draw without a window", { mode: "draw" }, "drawOpensAt"],
      ["a draw closing before it opens", { mode: "draw", drawOpensAt: "2031-05-10T09:00", drawClosesAt: "2031-05-01T09:00" }, "drawClosesAt"],
      ["a draw closing after the start", { mode: "draw", drawOpensAt: "2031-05-10T09:00", drawClosesAt: "2031-06-01T07:00" }, "drawClosesAt"],
    ] as const)("refuses %s, changing nothing", async (_name, changes, field) => {
      const [tour] = await db.select().from(rewards).where(eq(rewards.slug, "paddle-a"));
      const before = await snapshot();
      const result = await createSessionAction(null, sessionForm(tour.id, changes));
      expect(result).toMatchObject({ ok: false, code: "invalid_input" });
      if (!result.ok) expect(result.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
      expect(await snapshot()).toEqual(before);
    });

    it("refuses sessions on a reward that is not an experience, and an edit without a reason", async () => {
      const product = await createOk(rewardForm({ title: "Sticker pack" }));
      const before = await snapshot();
      expect(await createSessionAction(null, sessionForm(product.id))).toMatchObject({ ok: false, code: "invalid_input" });
      const [tour] = await db.select().from(rewards).where(eq(rewards.slug, "paddle-a"));
      const [session] = await db.select().from(experienceSessions).where(eq(experienceSessions.rewardId, tour.id));
      expect(await updateSessionAction(null, sessionForm(tour.id, { id: session.id, capacity: "12" }))).toMatchObject({ ok: false, fieldErrors: { reason: [expect.any(String)] } });
      expect(await snapshot()).toEqual(before);
    });
  });

  describe("authorisation", () => {
    const member: CurrentUser = { id: "member-1", email: "m@example.com", name: null, role: "member" };
    it.each([
      ["anonymous", null, "unauthenticated"],
      ["a member", member, "forbidden"],
    ] as const)("refuses every admin action to %s, changing nothing", async (_name, who, code) => {
      const [tour] = await db.select().from(rewards).where(eq(rewards.slug, "paddle-a"));
      const [session] = await db.select().from(experienceSessions).where(eq(experienceSessions.rewardId, tour.id));
      const before = await snapshot();
      caller = who;
      const results = await Promise.all([
        createRewardAction(null, rewardForm({ title: "Sneaky" })),
        updateRewardAction(null, editForm(tour, { pointsCost: "1" })),
        archiveRewardAction({ id: tour.id, reason: "sneaky" }),
        createSessionAction(null, sessionForm(tour.id)),
        updateSessionAction(null, sessionForm(tour.id, { id: session.id, capacity: "99", reason: "sneaky" })),
        cancelDraftSessionAction({ id: session.id, reason: "sneaky" }),
      ]);
      for (const result of results) expect(result).toMatchObject({ ok: false, code });
      caller = admin;
      expect(await snapshot()).toEqual(before);
    });
  });
});
