import { addDays, addHours } from "date-fns";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { post } from "@/lib/ledger/post";
import type { Db } from "./client";
import { customers, experienceSessions, rewards, users, type NewReward } from "./schema";

/**
 * The demo catalog and demo balances, so the embedded site is explorable at once. Idempotent:
 * rewards are inserted ON CONFLICT DO NOTHING by slug and a reward's sessions only when the reward
 * itself was inserted; points are posted with a fixed idempotency key per person. Slugs marked
 * "e2e" are relied on by browser tests: keep their slug, title, cost and sessions as they are.
 */

/** People added for the demo besides db/seed.ts's SEED_USERS (all members). */
export const CATALOG_DEMO_PEOPLE = [
  { email: "casey@cairn.test", name: "Casey Nguyen", role: "member" as const },
  { email: "riley@cairn.test", name: "Riley Brooks", role: "member" as const },
  { email: "quinn@cairn.test", name: "Quinn Patel", role: "member" as const },
];

export const DEMO_POINTS = 5000;

type SessionSeed = {
  day: number;
  startHour: number;
  hours: number;
  capacity: number;
  location?: string;
  onlineUrl?: string;
  mode?: "first_come" | "draw";
  drawClosesInDays?: number;
  pointsCost?: number;
  /** Instead of day/startHour: this many hours after the seed runs (a session happening today). */
  startsInHours?: number;
  cutoffHours?: number;
};
type RewardSeed = Omit<NewReward, "status"> & { sessions?: SessionSeed[] };

function catalog(now: Date): RewardSeed[] {
  return [
    // e2e: discount
    {
      slug: "ten-off",
      title: "$10 off your next order",
      kind: "discount",
      pointsCost: 1000,
      category: "Discounts",
      sortOrder: 10,
      discount: { type: "amount", value: 1000, expiresInDays: 90, stripePromotion: false },
      description: "Take $10 off anything in the shop.\n\nYou get a code straight away. Enter it at checkout, online or in store. The code works once and lasts **90 days**.",
    },
    {
      slug: "fifteen-percent-off",
      title: "15% off one order",
      kind: "discount",
      pointsCost: 2500,
      category: "Discounts",
      sortOrder: 20,
      perMemberLimit: 2,
      discount: { type: "percent", value: 15, expiresInDays: 60, stripePromotion: false },
      description: "Save 15% on a whole order, however big.\n\nThe code lasts 60 days. You can redeem this twice.",
    },
    // e2e: product with stock 5
    {
      slug: "trail-bottle",
      title: "Insulated trail bottle",
      kind: "product",
      pointsCost: 1500,
      stock: 5,
      category: "Gear",
      sortOrder: 30,
      description: "Our steel bottle keeps water cold for 24 hours and coffee hot for 12.\n\n- 750 ml\n- Fits most bike cages\n\nWe ship it to the address you give us, usually within a week.",
    },
    {
      slug: "merino-trail-socks",
      title: "Merino trail socks",
      kind: "product",
      pointsCost: 700,
      category: "Gear",
      sortOrder: 40,
      description: "Soft merino socks with a padded heel, made for long days on the trail.\n\nOne pair, shipped to you. Tell us your size in the address notes.",
    },
    // gold tier and above only
    {
      slug: "summit-lantern",
      title: "Handmade summit lantern",
      kind: "product",
      pointsCost: 4000,
      stock: 10,
      minTierId: "gold",
      category: "Gear",
      sortOrder: 50,
      description: "A small brass lantern made by hand in our workshop. **For Gold and Platinum members.**\n\nOnly ten were made.",
    },
    // early access: Silver and above see it a week before everyone else
    {
      slug: "limited-trail-print",
      title: "Limited trail map print",
      kind: "product",
      pointsCost: 1200,
      stock: 25,
      publishAt: addDays(now, 5),
      earlyAccessDays: 7,
      earlyAccessTierId: "silver",
      category: "Gear",
      sortOrder: 60,
      description: "A signed print of our hand-drawn map of the coast trail. 25 copies.\n\nSilver members and above can redeem it now; everyone else from launch day.",
    },
    {
      slug: "backpack-monogram",
      title: "Monogram your backpack",
      kind: "service",
      pointsCost: 900,
      category: "Services",
      sortOrder: 70,
      description: "Bring any backpack to a store and we stitch up to three letters on it while you wait.\n\nWe'll email you when your slot is ready.",
    },
    // paid members only
    {
      slug: "gear-repair-day",
      title: "Free gear repair and re-proofing",
      kind: "service",
      pointsCost: 1800,
      paidMembersOnly: true,
      perMemberLimit: 1,
      category: "Services",
      sortOrder: 80,
      description: "We fix a zip, patch a tear, or re-proof a jacket for you. **For paid members.**\n\nDrop the item at any store with your confirmation.",
    },
    // donations
    {
      slug: "plant-a-tree",
      title: "Plant a tree",
      kind: "donation",
      pointsCost: 500,
      cause: "Reforestation with One Tree Planted",
      category: "Give back",
      sortOrder: 90,
      description: "Your points pay for one native tree planted where forests burned.\n\nWe send the total every quarter and share the receipt.",
    },
    {
      slug: "trail-cleanup-fund",
      title: "Fund a trail clean-up",
      kind: "donation",
      pointsCost: 1000,
      cause: "Local trail stewardship crews",
      category: "Give back",
      sortOrder: 100,
      description: "Help a volunteer crew clear litter and fix trail erosion for a day.",
    },
    // e2e: experiences
    {
      slug: "sunrise-kayak-tour",
      title: "Sunrise kayak tour",
      kind: "experience",
      pointsCost: 800,
      category: "Experiences",
      sortOrder: 110,
      description: "Paddle the calm bay at first light with one of our guides.\n\nWe bring the kayaks, paddles and life jackets. You bring warm clothes and a snack. No experience needed.",
      sessions: [
        { day: 7, startHour: 6, hours: 3, capacity: 8, location: "North beach boathouse" },
        { day: 14, startHour: 6, hours: 3, capacity: 1, location: "North beach boathouse" },
      ],
    },
    {
      slug: "makers-evening",
      title: "Meet-the-maker evening",
      kind: "experience",
      pointsCost: 1200,
      category: "Experiences",
      sortOrder: 120,
      description: "Spend an evening in the workshop with the people who design our gear. Drinks and snacks included.\n\nSeats are few, so they go by a **fair draw**: enter before it closes and we'll tell you if you won.",
      sessions: [{ day: 21, startHour: 18, hours: 3, capacity: 4, location: "Cairn workshop, 12 Mill Lane", mode: "draw", drawClosesInDays: 3 }],
    },
    // e2e: a session later today, so the door can check a ticket in whenever the suite runs
    {
      slug: "evening-trail-run",
      title: "Evening trail run",
      kind: "experience",
      pointsCost: 300,
      category: "Experiences",
      sortOrder: 125,
      description: "A relaxed 8 km loop with a run leader, then tea at the store. All paces welcome.",
      sessions: [{ day: 0, startHour: 0, startsInHours: 3, hours: 2, capacity: 20, cutoffHours: 1, location: "Cairn flagship store, front door" }],
    },
    {
      slug: "map-and-compass-workshop",
      title: "Map and compass workshop",
      kind: "experience",
      pointsCost: 600,
      category: "Experiences",
      sortOrder: 130,
      description: "Learn to find your way without a phone signal: reading contours, taking a bearing, and planning a route.\n\nTwo hours, in a small group. One session is online.",
      sessions: [
        { day: 10, startHour: 18, hours: 2, capacity: 12, location: "Cairn flagship store, upstairs" },
        { day: 17, startHour: 18, hours: 2, capacity: 12, onlineUrl: "https://meet.cairn.test/map-and-compass" },
        { day: 24, startHour: 10, hours: 2, capacity: 12, location: "Cairn flagship store, upstairs", pointsCost: 700 },
      ],
    },
  ];
}

function sessionRows(rewardId: string, sessions: SessionSeed[], now: Date): (typeof experienceSessions.$inferInsert)[] {
  // Times in UTC, counted from the start of today, so a re-seeded demo shows the same clock times.
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return sessions.map((s) => {
    const startsAt = s.startsInHours !== undefined ? new Date(Math.floor(addHours(now, s.startsInHours).getTime() / 60_000) * 60_000) : addHours(addDays(today, s.day), s.startHour);
    return {
      rewardId,
      startsAt,
      endsAt: addHours(startsAt, s.hours),
      timeZone: "UTC",
      location: s.location ?? null,
      onlineUrl: s.onlineUrl ?? null,
      capacity: s.capacity,
      perMemberLimit: 1,
      cutoffHours: s.cutoffHours ?? 24,
      pointsCost: s.pointsCost ?? null,
      mode: s.mode ?? "first_come",
      drawOpensAt: s.mode === "draw" ? now : null,
      drawClosesAt: s.mode === "draw" ? addDays(now, s.drawClosesInDays ?? 3) : null,
    };
  });
}

/** Seeds the catalog; needs the tiers to exist (gating references them). */
export async function seedCatalog(db: Db, people: readonly { email: string; name: string; role: "member" | "admin" }[], now = new Date()): Promise<{ rewards: number; sessions: number }> {
  const seeds = catalog(now);
  const inserted = await db
    .insert(rewards)
    .values(seeds.map(({ sessions: _sessions, ...reward }) => ({ ...reward, status: "active" as const, createdAt: now, updatedAt: now })))
    .onConflictDoNothing({ target: rewards.slug })
    .returning({ id: rewards.id, slug: rewards.slug });

  // Sessions only for rewards inserted just now: a second run, or an admin's edits, are left alone.
  const sessions = inserted.flatMap(({ id, slug }) => sessionRows(id, seeds.find((s) => s.slug === slug)?.sessions ?? [], now));
  if (sessions.length) await db.insert(experienceSessions).values(sessions);

  await seedDemoPoints(db, people, now);
  return { rewards: inserted.length, sessions: sessions.length };
}

/**
 * Every demo person gets a customer record linked to their account and 5,000 points, once (the
 * posting key is fixed per email), so the catalog can be tried without buying anything first.
 */
async function seedDemoPoints(db: Db, seedPeople: readonly { email: string; name: string; role: "member" | "admin" }[], now: Date): Promise<void> {
  const people = [...seedPeople, ...CATALOG_DEMO_PEOPLE];
  await db
    .insert(users)
    .values(CATALOG_DEMO_PEOPLE.map((p) => ({ ...p, emailVerified: now })))
    .onConflictDoNothing({ target: users.email });
  const accounts = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.email, people.map((p) => p.email)));
  for (const user of accounts) {
    const customerId = await linkedCustomer(db, user);
    await post(
      { kind: "earn", key: `seed:points:${user.email}`, customerId, points: DEMO_POINTS, reason: "demo", memo: "Welcome points to explore the demo" },
      db,
    );
  }
}

/** The user's customer row: the one already linked, else the one with their email (linked now), else a new one. */
async function linkedCustomer(db: Db, user: { id: string; email: string; name: string | null }): Promise<string> {
  const [linked] = await db.select({ id: customers.id }).from(customers).where(eq(customers.userId, user.id));
  if (linked) return linked.id;
  const email = user.email.trim().toLowerCase();
  await db.insert(customers).values({ email, userId: user.id, name: user.name }).onConflictDoNothing({ target: customers.email });
  await db.update(customers).set({ userId: user.id }).where(and(eq(customers.email, email), isNull(customers.userId)));
  const [row] = await db.select({ id: customers.id }).from(customers).where(eq(customers.email, email));
  return row.id;
}

/** For the seed report and tests: the demo slugs other tests rely on. */
export const E2E_REWARD_SLUGS = ["ten-off", "sunrise-kayak-tour", "makers-evening", "trail-bottle", "summit-lantern", "gear-repair-day", "plant-a-tree"] as const;
