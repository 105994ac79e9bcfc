import { relations, sql } from "drizzle-orm";
import { bigserial, boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { AdapterAccountType } from "next-auth/adapters";

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

// ───────────────────────────── auth (Auth.js adapter shape, plus role) ─────────────────────────────

export const userRole = pgEnum("user_role", ["member", "admin"]);

export const users = pgTable("users", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").notNull().unique(),
  emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
  image: text("image"),
  role: userRole("role").notNull().default("member"),
  createdAt: createdAt(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<AdapterAccountType>().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  // "sign out everywhere" and the admin's member view list a user's sessions
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/** One row per sign-in email requested; the rate limiter counts them in a window. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    /** sha256 of the client IP with the auth secret: the limit needs equality, not the address. */
    ipHash: text("ip_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // count attempts for one address in the last 15 minutes
    index("sign_in_attempts_email_idx").on(t.email, t.createdAt),
    // count attempts from one IP in the last 15 minutes
    index("sign_in_attempts_ip_idx").on(t.ipHash, t.createdAt),
  ],
);

// ───────────────────────────── program settings and audit ─────────────────────────────

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
});

/** Written in the same transaction as the change it describes (DESIGN invariant 8). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [
    // the audit viewer: newest first, optionally for one entity
    index("audit_log_entity_idx").on(t.entityType, t.entityId, t.createdAt),
    index("audit_log_created_at_idx").on(t.createdAt),
  ],
);

// ───────────────────────────── email ─────────────────────────────

export const emailStatus = pgEnum("email_status", ["queued", "sent", "failed", "outbox"]);

/** Every message is written here before delivery, so nothing is lost when the provider fails. */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    to: text("to").notNull(),
    from: text("from").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    template: text("template").notNull(),
    /** queued → sent | failed; "outbox" means no provider is configured and the dev mailbox is the inbox. */
    status: emailStatus("status").notNull().default("queued"),
    providerId: text("provider_id"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    // the dev mailbox and the admin outbox: newest first, optionally for one recipient
    index("email_outbox_to_idx").on(t.to, t.createdAt),
    index("email_outbox_created_at_idx").on(t.createdAt),
  ],
);

// ───────────────────────────── billing: plans and memberships ─────────────────────────────

export const planKind = pgEnum("plan_kind", ["free", "one_time", "recurring"]);
export const planInterval = pgEnum("plan_interval", ["month", "year"]);

/** What a plan gives its members, in plain words on the pricing page and as rules for earning. */
export type PlanBenefits = {
  /** Multiplies purchase points (1 = no boost). */
  earnMultiplier: number;
  /** Extra "% back" in points on qualifying purchases (REI-style), in whole percent. */
  percentBack: number;
  /** A tier the member never drops below while the plan is live. */
  minTier: "bronze" | "silver" | "gold" | "platinum" | null;
  memberOnlyRewards: boolean;
  /** Discount on this plan for a buyer who was referred, in whole percent. */
  referralDiscountPercent: number;
  /** Points granted when the plan is bought or renews. */
  bonusPoints: number;
};

export const plans = pgTable(
  "plans",
  {
    /** A readable slug: free, lifetime, plus_monthly, plus_annual. */
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    kind: planKind("kind").notNull(),
    interval: planInterval("interval"),
    /** Integer cents (DESIGN invariant 4). */
    priceCents: integer("price_cents").notNull().default(0),
    currency: text("currency").notNull().default("usd"),
    trialDays: integer("trial_days").notNull().default(0),
    /** The Stripe price is found by this key, never by product name (STYLE 7). Null for the free plan. */
    lookupKey: text("lookup_key").unique(),
    benefits: jsonb("benefits").$type<PlanBenefits>().notNull(),
    active: boolean("active").notNull().default(true),
    sortOrder: integer("sort_order").notNull().default(0),
    stripeProductId: text("stripe_product_id"),
    stripePriceId: text("stripe_price_id"),
    syncedAt: timestamp("synced_at", { withTimezone: true, mode: "date" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    check("plans_price_non_negative", sql`${t.priceCents} >= 0`),
    check("plans_trial_days_range", sql`${t.trialDays} between 0 and 730`),
    check("plans_interval_matches_kind", sql`(${t.kind} = 'recurring') = (${t.interval} is not null)`),
  ],
);

/** One Stripe customer per user, reused for every checkout. */
export const billingCustomers = pgTable("billing_customers", {
  userId: text("user_id").primaryKey().references(() => users.id, { onDelete: "cascade" }),
  stripeCustomerId: text("stripe_customer_id").notNull().unique(),
  createdAt: createdAt(),
});

export const membershipStatus = pgEnum("membership_status", [
  "incomplete",
  "trialing",
  "active",
  "past_due",
  "unpaid",
  "paused",
  "canceled",
  "refunded",
  "disputed",
]);

export const membershipSource = pgEnum("membership_source", ["stripe", "admin_grant"]);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    planId: text("plan_id").notNull().references(() => plans.id),
    status: membershipStatus("status").notNull(),
    source: membershipSource("source").notNull().default("stripe"),
    /** Null for lifetime memberships: they never renew. */
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true, mode: "date" }),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    trialEnd: timestamp("trial_end", { withTimezone: true, mode: "date" }),
    stripeCustomerId: text("stripe_customer_id"),
    stripeSubscriptionId: text("stripe_subscription_id").unique(),
    stripeCheckoutSessionId: text("stripe_checkout_session_id").unique(),
    stripePaymentIntentId: text("stripe_payment_intent_id").unique(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
    /** The Stripe event that last changed this row (for the history and the admin view). */
    lastEventId: text("last_event_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    // the dashboard and the checkout guard: a user's memberships
    index("memberships_user_idx").on(t.userId),
  ],
);

/** Every status change of a membership, with the event that caused it. Append-only. */
export const membershipHistory = pgTable(
  "membership_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    membershipId: uuid("membership_id").notNull().references(() => memberships.id, { onDelete: "cascade" }),
    fromStatus: membershipStatus("from_status"),
    toStatus: membershipStatus("to_status").notNull(),
    stripeEventId: text("stripe_event_id"),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  // a membership's timeline, oldest first
  (t) => [index("membership_history_membership_idx").on(t.membershipId, t.createdAt)],
);

export const stripeEventStatus = pgEnum("stripe_event_status", ["processed", "ignored"]);

/**
 * Each Stripe event id is processed at most once (DESIGN invariant 5): the handler inserts the id in
 * the same transaction as its changes, so a duplicate delivery waits on the unique key and then sees it.
 */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    status: stripeEventStatus("status").notNull(),
    /** Stripe's `created`, Unix seconds. */
    created: integer("created").notNull(),
    error: text("error"),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  // the admin event log and the reconcile job: newest first
  (t) => [index("stripe_events_received_idx").on(t.receivedAt)],
);

/** Failed handler runs, kept apart so the retry that succeeds can still record the event id once. */
export const stripeEventFailures = pgTable(
  "stripe_event_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    error: text("error").notNull(),
    createdAt: createdAt(),
  },
  // the admin event log: failures of one event
  (t) => [index("stripe_event_failures_event_idx").on(t.eventId)],
);

// ───────────────────────────── Stripe emulator (embedded billing only) ─────────────────────────────
// The offline Stripe emulator keeps its own state apart from the app's tables: the app never reads
// these; it talks to the emulator only through the `stripe` SDK. Objects are stored as Stripe-shaped JSON.

export const stripeEmulatorObjects = pgTable(
  "stripe_emulator_objects",
  {
    /** Stripe-style id with its prefix: cus_…, price_…, cs_…, sub_…, in_…, evt_… */
    id: text("id").primaryKey(),
    /** The Stripe `object` value: customer, price, checkout.session, event, … */
    object: text("object").notNull(),
    data: jsonb("data").notNull(),
    /** Emulator time (test clock) at creation, in Unix seconds, as Stripe's `created`. */
    created: integer("created").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  // list endpoints: objects of one type, newest first (events, invoices, subscriptions)
  (t) => [index("stripe_emulator_objects_object_idx").on(t.object, t.created)],
);

// ───────────────────────────── relations ─────────────────────────────

export const usersRelations = relations(users, ({ many }) => ({
  accounts: many(accounts),
  sessions: many(sessions),
  memberships: many(memberships),
}));

export const membershipsRelations = relations(memberships, ({ one, many }) => ({
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
  plan: one(plans, { fields: [memberships.planId], references: [plans.id] }),
  history: many(membershipHistory),
}));

export const membershipHistoryRelations = relations(membershipHistory, ({ one }) => ({
  membership: one(memberships, { fields: [membershipHistory.membershipId], references: [memberships.id] }),
}));

export const accountsRelations = relations(accounts, ({ one }) => ({
  user: one(users, { fields: [accounts.userId], references: [users.id] }),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

// ───────────────────────────── types ─────────────────────────────

export type User = typeof users.$inferSelect;
export type Plan = typeof plans.$inferSelect;
export type NewPlan = typeof plans.$inferInsert;
export type Membership = typeof memberships.$inferSelect;
export type NewMembership = typeof memberships.$inferInsert;
export type MembershipStatus = (typeof membershipStatus.enumValues)[number];
export type NewUser = typeof users.$inferInsert;
export type Role = (typeof userRole.enumValues)[number];
export type Setting = typeof settings.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;
export type OutboxEmail = typeof emailOutbox.$inferSelect;
export type NewOutboxEmail = typeof emailOutbox.$inferInsert;
