import { createHash, createHmac, randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";

/**
 * The security tier's database: the embedded program as `next start` seeds it, plus two members
 * and an admin with live sessions, and the victim's data an attacker would aim at (a booking, a
 * shipped product, waitlist places, a survey invitation, a claim, a referral, a subscription),
 * an order-API integration with a known secret and a live sign-in token. Built once per run in
 * .data/security/base (offline: no server holds PGlite then) and copied for each test file.
 */

export const SECURITY_DATA_DIR = path.join(process.cwd(), ".data", "security");
const BASE_DIR = path.join(SECURITY_DATA_DIR, "base");
const FIXTURE_FILE = path.join(BASE_DIR, "fixture.json");
/** Fixed for the run: the test hashes sign-in tokens and signs emulator webhooks as the app does. */
export const SECURITY_AUTH_SECRET = "security-tier-auth-secret-0123456789abcdef";

/** The embedded emulator's webhook signing secret, derived as lib/billing/stripe-client.ts webhookSecret() does. */
export function emulatorWebhookSecret(): string {
  return `whsec_${createHmac("sha256", SECURITY_AUTH_SECRET).update("cairn-stripe-emulator").digest("hex").slice(0, 40)}`;
}

export type Person = { userId: string; email: string; customerId: string; sessionToken: string };

export type Fixture = {
  attacker: Person;
  victim: Person;
  admin: Person;
  victimData: {
    bookingId: string;
    ticketCode: string;
    productRedemptionId: string;
    offeredEntryId: number;
    waitingEntryId: number;
    invitationId: string;
    surveyToken: string;
    claimId: string;
    referralId: string;
    membershipId: string;
    subscriptionId: string;
  };
  attackerData: { portalId: string };
  catalog: {
    experienceRewardId: string;
    openSessionId: string;
    drawSessionId: string;
    productRewardId: string;
    surveyId: string;
    planId: string;
    emailId: string;
    failedEmailId: string;
    stripeEventId: string;
  };
  integration: { id: string; secret: string };
  revokedIntegration: { id: string; secret: string };
  /** A sign-in link (token and address) that is live until it is used. */
  magicLink: { email: string; token: string };
};

/** The pglite dir of a fresh copy of the base, for one test file's server. */
export function copyBase(name: string): string {
  const dir = path.join(SECURITY_DATA_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(BASE_DIR, dir, { recursive: true });
  return path.join(dir, "pglite");
}

export function basePgliteDir(): string {
  return path.join(BASE_DIR, "pglite");
}

/** Builds the base once per run (files run one at a time; the global setup empties the folder). */
export async function ensureBase(): Promise<Fixture> {
  if (existsSync(FIXTURE_FILE)) return JSON.parse(readFileSync(FIXTURE_FILE, "utf8")) as Fixture;
  rmSync(BASE_DIR, { recursive: true, force: true });
  mkdirSync(BASE_DIR, { recursive: true });
  const fixture = await buildBase(basePgliteDir());
  writeFileSync(FIXTURE_FILE, JSON.stringify(fixture, null, 2));
  return fixture;
}

async function buildBase(pgliteDir: string): Promise<Fixture> {
  // The app's own modules, against the base's PGlite (tests/setup/security.ts cleared the rest of the env).
  process.env.PGLITE_DIR = pgliteDir;
  const globals = globalThis as unknown as { cairnEnv?: unknown };
  delete globals.cairnEnv;
  const { connectDb, disconnectDb, db } = await import("@/db");
  const schema = await import("@/db/schema");
  const { seed } = await import("@/db/seed");
  const { customerForUser } = await import("@/lib/ledger/customers");
  const { redeem } = await import("@/lib/rewards/redeem");
  const { newSurveyToken } = await import("@/lib/surveys/token");
  const { createIntegration, revokeIntegration } = await import("@/lib/orders/integrations");
  const { openBillingPortal } = await import("@/lib/billing/checkout");
  const { setupBilling, buy, membershipsOf } = await import("../../support/billing");

  await connectDb(); // PGlite migrates itself here, as at server start
  try {
    await seed(db);
    const billing = await setupBilling();

    const person = async (email: string, name: string, role: "member" | "admin"): Promise<Person> => {
      const [user] = await db.insert(schema.users).values({ email, name, role, emailVerified: new Date() }).returning();
      const customer = await customerForUser(user);
      const sessionToken = randomBytes(32).toString("hex");
      // Expiring in the full 30 days: Auth.js extends a session only after a day, so no request rewrites it.
      await db.insert(schema.sessions).values({ sessionToken, userId: user.id, expires: new Date(Date.now() + 30 * 86_400_000) });
      return { userId: user.id, email, customerId: customer.id, sessionToken };
    };
    const attacker = await person("attacker@security.test", "Ash Attacker", "member");
    const victim = await person("victim@security.test", "Vic Victim", "member");
    const admin = await person("admin@security.test", "Ada Admin", "admin");

    // Points for the victim's redemptions.
    const { post } = await import("@/lib/ledger/post");
    await post({ kind: "earn", key: "security:victim-points", customerId: victim.customerId, points: 20_000, reason: "demo", memo: "Security fixture" }, db);

    const rewardBySlug = async (slug: string) => (await db.select().from(schema.rewards).where(eq(schema.rewards.slug, slug)))[0];
    const sessionsOf = (rewardId: string) => db.select().from(schema.experienceSessions).where(eq(schema.experienceSessions.rewardId, rewardId)).orderBy(asc(schema.experienceSessions.startsAt));

    const workshop = await rewardBySlug("map-and-compass-workshop");
    const [workshopFirst, workshopSecond, workshopThird] = await sessionsOf(workshop.id);
    const booking = await redeem({ customerId: victim.customerId, rewardId: workshop.id, sessionId: workshopFirst.id });
    if (booking.status !== "redeemed" || !booking.ticket) throw new Error("fixture: the victim's booking failed");

    const bottle = await rewardBySlug("trail-bottle");
    const shipped = await redeem({
      customerId: victim.customerId,
      rewardId: bottle.id,
      shippingAddress: { name: "Vic Victim", line1: "1 Main St", city: "Springfield", postcode: "12345", country: "US" },
    });
    if (shipped.status !== "redeemed") throw new Error("fixture: the victim's product redemption failed");

    const now = new Date();
    const [offered] = await db
      .insert(schema.waitlistEntries)
      .values({ sessionId: workshopSecond.id, customerId: victim.customerId, status: "offered", offeredAt: now, offerExpiresAt: new Date(now.getTime() + 20 * 3_600_000) })
      .returning();
    const [waiting] = await db.insert(schema.waitlistEntries).values({ sessionId: workshopThird.id, customerId: victim.customerId, status: "waiting" }).returning();

    const [survey] = await db.select().from(schema.surveys).orderBy(asc(schema.surveys.createdAt)).limit(1);
    const surveyToken = newSurveyToken();
    const [invitation] = await db
      .insert(schema.surveyInvitations)
      .values({ surveyId: survey.id, customerId: victim.customerId, subject: "join", tokenHash: surveyToken.hash, sentAt: now, expiresAt: new Date(now.getTime() + 14 * 86_400_000) })
      .returning();

    const [claim] = await db.insert(schema.earningClaims).values({ customerId: victim.customerId, ruleId: "review", url: "https://reviews.example/victim" }).returning();

    await db.insert(schema.referralCodes).values({ code: "VICTIM1", userId: victim.userId, vanity: false });
    const [referee] = await db.select().from(schema.users).where(eq(schema.users.email, "quinn@cairn.test"));
    const [referral] = await db
      .insert(schema.referrals)
      .values({ referrerUserId: victim.userId, refereeUserId: referee.id, code: "VICTIM1", source: "link", status: "flagged", reason: "burst" })
      .returning();

    // Billing through the emulator, webhooks delivered to the app's own handler in-process.
    const asUser = (p: Person, name: string) => ({ id: p.userId, email: p.email, name, role: "member" as const });
    await buy(billing.emulator, asUser(victim, "Vic Victim"), "plus_monthly");
    await buy(billing.emulator, asUser(attacker, "Ash Attacker"), "lifetime");
    await billing.emulator.webhooks.idle();
    const [membership] = await membershipsOf(victim.userId);
    if (!membership?.stripeSubscriptionId) throw new Error("fixture: the victim's subscription is missing");
    const portal = await openBillingPortal(asUser(attacker, "Ash Attacker"));
    await billing.close();

    const { integration, secret } = await createIntegration({ name: "Security fixture shop", actorId: admin.userId });
    const revoked = await createIntegration({ name: "Revoked shop", actorId: admin.userId });
    await revokeIntegration({ id: revoked.integration.id, actorId: admin.userId, reason: "Security fixture" });

    // A live sign-in link for the attacker's own address, stored as Auth.js stores it.
    const magicToken = randomBytes(32).toString("hex");
    await db.insert(schema.verificationTokens).values({
      identifier: attacker.email,
      token: createHash("sha256").update(`${magicToken}${SECURITY_AUTH_SECRET}`).digest("hex"),
      expires: new Date(Date.now() + 2 * 3_600_000),
    });

    const [email] = await db.select({ id: schema.emailOutbox.id }).from(schema.emailOutbox).limit(1);
    // A message that gave up (Admin → Email delivery retries it): the retry action's target.
    const [failedEmail] = await db
      .insert(schema.emailOutbox)
      .values({ to: victim.email, from: "Cairn <hello@cairn.test>", template: "points_expiring", subject: "Points expiring", html: "<p>x</p>", text: "x", status: "failed", attempts: 8 })
      .returning({ id: schema.emailOutbox.id });
    const [event] = await db.select({ id: schema.stripeEvents.id }).from(schema.stripeEvents).limit(1);
    const drawReward = await rewardBySlug("makers-evening");
    const [drawSession] = await sessionsOf(drawReward.id);
    const kayak = await rewardBySlug("sunrise-kayak-tour");
    const [kayakSession] = await db
      .select()
      .from(schema.experienceSessions)
      .where(and(eq(schema.experienceSessions.rewardId, kayak.id), eq(schema.experienceSessions.capacity, 8)));
    if (!email || !event) throw new Error("fixture: expected an outbox email and a Stripe event from the purchases");

    return {
      attacker,
      victim,
      admin,
      victimData: {
        bookingId: booking.redemption.id,
        ticketCode: booking.ticket.code,
        productRedemptionId: shipped.redemption.id,
        offeredEntryId: offered.id,
        waitingEntryId: waiting.id,
        invitationId: invitation.id,
        surveyToken: surveyToken.token,
        claimId: claim.id,
        referralId: referral.id,
        membershipId: membership.id,
        subscriptionId: membership.stripeSubscriptionId,
      },
      attackerData: { portalId: new URL(portal.url).pathname.split("/").at(-1)! },
      catalog: {
        experienceRewardId: kayak.id,
        openSessionId: kayakSession.id,
        drawSessionId: drawSession.id,
        productRewardId: bottle.id,
        surveyId: survey.id,
        planId: "plus_annual",
        emailId: email.id,
        failedEmailId: failedEmail.id,
        stripeEventId: event.id,
      },
      integration: { id: integration.id, secret },
      revokedIntegration: { id: revoked.integration.id, secret: revoked.secret },
      magicLink: { email: attacker.email, token: magicToken },
    };
  } finally {
    await disconnectDb();
    delete globals.cairnEnv;
  }
}
