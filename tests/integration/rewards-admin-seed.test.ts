import { asc, count, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { customers, experienceSessions, pointBalances, pointPostings, rewards, users } from "@/db/schema";
import { SEED_USERS, seed } from "@/db/seed";
import { CATALOG_DEMO_PEOPLE, DEMO_POINTS } from "@/db/seed-catalog";
import { REWARD_KINDS } from "@/lib/rewards/schemas";

const DAY = 86_400_000;
/** Sessions are seeded on calendar days counted from today (UTC). */
const utcDay = (date: Date) => date.toISOString().slice(0, 10);

async function state() {
  const [[r], [s], [p], [c], [u]] = await Promise.all([
    db.select({ n: count() }).from(rewards),
    db.select({ n: count() }).from(experienceSessions),
    db.select({ n: count() }).from(pointPostings),
    db.select({ n: count() }).from(customers),
    db.select({ n: count() }).from(users),
  ]);
  return { rewards: r.n, sessions: s.n, postings: p.n, customers: c.n, users: u.n, balances: await db.select().from(pointBalances).orderBy(asc(pointBalances.customerId)) };
}

const sessionsOf = async (slug: string) => {
  const [reward] = await db.select().from(rewards).where(eq(rewards.slug, slug));
  return { reward, sessions: await db.select().from(experienceSessions).where(eq(experienceSessions.rewardId, reward.id)).orderBy(asc(experienceSessions.startsAt)) };
};

describe("demo catalog seed", () => {
  it("seeds the catalog the browser tests rely on, and a second run changes nothing", async () => {
    const started = Date.now();
    await seed(db);
    const first = await state();
    expect(first.rewards).toBeGreaterThanOrEqual(12);

    const all = await db.select().from(rewards);
    expect(all.every((r) => r.status === "active" && r.description.length > 20)).toBe(true);
    expect(new Set(all.map((r) => r.kind))).toEqual(new Set(REWARD_KINDS));

    const [tenOff] = all.filter((r) => r.slug === "ten-off");
    expect(tenOff).toMatchObject({ kind: "discount", title: "$10 off your next order", pointsCost: 1000, stock: null, discount: { type: "amount", value: 1000, expiresInDays: 90 } });
    expect(all.find((r) => r.slug === "trail-bottle")).toMatchObject({ kind: "product", title: "Insulated trail bottle", pointsCost: 1500, stock: 5 });
    expect(all.find((r) => r.slug === "plant-a-tree")).toMatchObject({ kind: "donation", cause: expect.any(String) });
    expect(all.some((r) => r.minTierId === "gold")).toBe(true);
    expect(all.some((r) => r.paidMembersOnly)).toBe(true);

    const kayak = await sessionsOf("sunrise-kayak-tour");
    expect(kayak.reward).toMatchObject({ kind: "experience", title: "Sunrise kayak tour", pointsCost: 800 });
    expect(kayak.sessions.map((s) => [s.capacity, s.mode, s.cutoffHours])).toEqual([
      [8, "first_come", 24],
      [1, "first_come", 24],
    ]);
    const [week, fortnight] = kayak.sessions;
    expect(week.startsAt.getUTCHours()).toBe(6);
    expect(week.endsAt.getUTCHours()).toBe(9);
    expect(utcDay(week.startsAt)).toBe(utcDay(new Date(started + 7 * DAY)));
    expect(utcDay(fortnight.startsAt)).toBe(utcDay(new Date(started + 14 * DAY)));

    const makers = await sessionsOf("makers-evening");
    expect(makers.reward).toMatchObject({ title: "Meet-the-maker evening", pointsCost: 1200 });
    expect(makers.sessions).toHaveLength(1);
    const draw = makers.sessions[0];
    expect(draw).toMatchObject({ mode: "draw", capacity: 4 });
    expect(Math.abs(draw.drawOpensAt!.getTime() - started)).toBeLessThan(60_000);
    expect(Math.round((draw.drawClosesAt!.getTime() - started) / DAY)).toBe(3);
    expect(utcDay(draw.startsAt)).toBe(utcDay(new Date(started + 21 * DAY)));

    const experiences = all.filter((r) => r.kind === "experience");
    const counts = await Promise.all(experiences.map(async (r) => (await sessionsOf(r.slug)).sessions.length));
    expect(counts.some((n) => n >= 3)).toBe(true);

    // every demo person: a linked customer with 5,000 points
    for (const person of [...SEED_USERS, ...CATALOG_DEMO_PEOPLE]) {
      const [row] = await db
        .select({ userId: users.id, linked: customers.userId, available: pointBalances.available })
        .from(users)
        .innerJoin(customers, eq(customers.userId, users.id))
        .innerJoin(pointBalances, eq(pointBalances.customerId, customers.id))
        .where(eq(users.email, person.email));
      expect(row, person.email).toBeDefined();
      expect(row.available, person.email).toBe(DEMO_POINTS);
    }
    expect(await db.select().from(pointPostings).where(like(pointPostings.key, "seed:points:%"))).toHaveLength(SEED_USERS.length + CATALOG_DEMO_PEOPLE.length);

    // an admin's edit survives a re-seed; nothing is duplicated
    await db.update(rewards).set({ pointsCost: 1100 }).where(eq(rewards.slug, "ten-off"));
    await seed(db);
    const second = await state();
    expect(second).toEqual(first);
    const [edited] = await db.select().from(rewards).where(eq(rewards.slug, "ten-off"));
    expect(edited.pointsCost).toBe(1100);
  });
});
