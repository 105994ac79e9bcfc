import { relations, sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, customType, date, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, smallint, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
import type { AdapterAccountType } from "next-auth/adapters";

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

// ───────────────────────────── auth (Auth.js adapter shape, plus role) ─────────────────────────────

export const userRole = pgEnum("user_role", ["member", "admin"]);

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
    name: text("name"),
    email: text("email").notNull().unique(),
    emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
    image: text("image"),
    role: userRole("role").notNull().default("member"),
    createdAt: createdAt(),
  },
  (t) => [
    // members console search: email prefix, any case (lower(email) like 'ana%')
    index("users_email_search_idx").using("btree", sql`lower(${t.email}) text_pattern_ops`),
    // members console search: name prefix ("ana s" finds "Ana Smith")
    index("users_name_search_idx").using("btree", sql`lower(${t.name}) text_pattern_ops`),
    // members console search: any whole word of the name ("smith" finds "Ana Smith")
    index("users_name_words_idx").using("gin", sql`string_to_array(lower(${t.name}), ' ')`),
    // members console list: newest first in keyset pages, and the joined from/to filter
    index("users_created_at_idx").on(t.createdAt, t.id),
  ],
);

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
    /** sha256 of the user agent (referral fraud rules compare referee and referrer). */
    uaHash: text("ua_hash"),
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

export type EmailAttachment = { filename: string; contentType: string; contentBase64: string };

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
    /** Files sent with the message (e.g. a ticket's .ics), content base64-encoded. */
    attachments: jsonb("attachments").$type<EmailAttachment[]>().notNull().default([]),
    /**
     * queued → sent, or queued again with a later `nextAttemptAt` after a failed attempt, until
     * `failed` (gave up after the last attempt; shown to admins). "outbox" means no provider is
     * configured and the dev mailbox is the inbox.
     */
    status: emailStatus("status").notNull().default("queued"),
    providerId: text("provider_id"),
    /** The last failed attempt's error; cleared when a later attempt succeeds. */
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    /**
     * While queued: when the next attempt may start. A sender claims a message by moving it forward
     * (a lease), so a sender that dies mid-delivery leaves it to the retry job, never lost.
     */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    // the dev mailbox and the admin outbox: newest first, optionally for one recipient
    index("email_outbox_to_idx").on(t.to, t.createdAt),
    index("email_outbox_created_at_idx").on(t.createdAt),
    // the retry job: queued messages whose next attempt is due, soonest first
    index("email_outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'queued'`),
    // the admin's delivery page: messages that gave up, newest first
    index("email_outbox_failed_idx").on(t.createdAt).where(sql`${t.status} = 'failed'`),
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
    // members console: the status and plan filters narrow to members holding such a membership
    index("memberships_status_plan_idx").on(t.status, t.planId),
    index("memberships_plan_idx").on(t.planId),
    // one live complimentary membership per member: a double-submitted grant cannot make two
    uniqueIndex("memberships_live_comp_unique").on(t.userId).where(sql`${t.source} = 'admin_grant' and ${t.status} in ('trialing', 'active', 'past_due')`),
    // the daily job: live complimentary memberships by end date, to end the expired ones
    index("memberships_comp_end_idx").on(t.currentPeriodEnd).where(sql`${t.source} = 'admin_grant' and ${t.status} in ('trialing', 'active', 'past_due')`),
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

// ───────────────────────────── customers (the ledger's account holders) ─────────────────────────────

/** The analytics holdout (lib/analytics/holdout.ts): control customers get no bonus campaigns. */
export const experimentGroup = pgEnum("experiment_group", ["control", "treatment"]);

/**
 * Everyone who can hold points: known by email from store orders, maybe not signed up yet. A user
 * who signs up with that email takes over the customer and its points (userId is set once).
 */
export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    /** Lower-cased, trimmed. */
    email: text("email").notNull().unique(),
    userId: text("user_id").unique().references(() => users.id, { onDelete: "set null" }),
    name: text("name"),
    /** Set once by the member (month and day matter; the year is ignored). */
    birthday: date("birthday", { mode: "string" }),
    /** analytics: holdout group drawn once at creation while a holdout runs; null = not in the experiment. */
    experimentGroup: experimentGroup("experiment_group"),
    createdAt: createdAt(),
  },
  (t) => [
    // members console search over store-only customers: email prefix (emails are stored lower-cased)
    index("customers_email_search_idx").using("btree", sql`${t.email} text_pattern_ops`),
    // members console search over store-only customers: name prefix, any case
    index("customers_name_search_idx").using("btree", sql`lower(${t.name}) text_pattern_ops`),
    // members console: store-only customers (no account yet), newest first in keyset pages
    index("customers_store_only_idx").on(t.createdAt, t.id).where(sql`${t.userId} is null`),
  ],
);

// ───────────────────────────── points ledger (DESIGN invariants 1–4) ─────────────────────────────

export const postingKind = pgEnum("posting_kind", ["earn", "release", "void", "redeem", "refund", "reverse", "expire", "adjust"]);

/**
 * The journal. A posting is never updated or deleted (a trigger refuses it); a correction is a new,
 * compensating posting. Its entries sum to zero (a deferred constraint trigger checks at commit).
 */
export const pointPostings = pgTable(
  "point_postings",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** order:<integration>:<id>, stripe:<invoice id>, redemption:<id>, referral:<id>, … — retries are no-ops. */
    key: text("key").notNull().unique(),
    kind: postingKind("kind").notNull(),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    /** The admin who made an adjustment; null for the system. */
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** A machine reason code: purchase, signup, birthday, review, redemption, order_refund, expiry, … */
    reason: text("reason").notNull(),
    /** What the member reads in their history. */
    memo: text("memo").notNull(),
    /** Signed change of the member's available + pending points (for history lists without a join). */
    points: integer("points").notNull(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    // the member's history, newest first
    index("point_postings_customer_idx").on(t.customerId, t.createdAt),
    // caps: earns of one reason for one customer in a period
    index("point_postings_reason_idx").on(t.customerId, t.reason, t.createdAt),
  ],
);

export const ledgerAccount = pgEnum("ledger_account", [
  "member_available",
  "member_pending",
  "member_debt",
  "program_issued",
  "program_redeemed",
  "program_expired",
  "program_adjusted",
  "program_reversed",
]);

export const pointEntries = pgTable(
  "point_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    postingId: integer("posting_id").notNull().references(() => pointPostings.id),
    account: ledgerAccount("account").notNull(),
    /** Set on member_* entries. */
    customerId: uuid("customer_id").references(() => customers.id),
    lotId: integer("lot_id"),
    /** Signed; the entries of a posting sum to zero. */
    amount: integer("amount").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // balance proofs and the accounting roll-forward: sums per account (and per member)
    index("point_entries_posting_idx").on(t.postingId),
    index("point_entries_customer_idx").on(t.customerId, t.account),
    index("point_entries_account_idx").on(t.account, t.createdAt),
    check("point_entries_member_has_customer", sql`(${t.account}::text like 'member_%') = (${t.customerId} is not null)`),
    check("point_entries_nonzero", sql`${t.amount} <> 0`),
  ],
);

export const lotState = pgEnum("lot_state", ["pending", "available", "closed"]);

/** Earned points with an earn date and an expiry; spending draws from the lot that expires first. */
export const pointLots = pgTable(
  "point_lots",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    postingId: integer("posting_id").notNull().references(() => pointPostings.id),
    points: integer("points").notNull(),
    remaining: integer("remaining").notNull(),
    state: lotState("state").notNull(),
    earnedAt: timestamp("earned_at", { withTimezone: true, mode: "date" }).notNull(),
    /** When a pending lot becomes spendable. */
    availableAt: timestamp("available_at", { withTimezone: true, mode: "date" }),
    /** Null: never expires. */
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    /** Points that expired from this lot (breakage), and that were spent from it. */
    expired: integer("expired").notNull().default(0),
    redeemed: integer("redeemed").notNull().default(0),
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    // spending order: a member's open lots, soonest expiry first
    index("point_lots_open_idx").on(t.customerId, t.state, t.expiresAt),
    // the expiry job and the expiry schedule: open lots by expiry date
    index("point_lots_expiry_idx").on(t.state, t.expiresAt),
    check("point_lots_remaining_range", sql`${t.remaining} >= 0 and ${t.remaining} <= ${t.points}`),
    check("point_lots_points_positive", sql`${t.points} > 0`),
  ],
);

/** One row per customer: balances in O(1), and the row that spending locks. */
export const pointBalances = pgTable(
  "point_balances",
  {
    customerId: uuid("customer_id").primaryKey().references(() => customers.id),
    available: integer("available").notNull().default(0),
    pending: integer("pending").notNull().default(0),
    /** Points owed after a refund reversed points already spent; future earnings pay it first. */
    debt: integer("debt").notNull().default(0),
    lifetimeEarned: integer("lifetime_earned").notNull().default(0),
    lifetimeRedeemed: integer("lifetime_redeemed").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    // DESIGN invariant 2: the database refuses a negative balance, whatever the code does
    check("point_balances_available_non_negative", sql`${t.available} >= 0`),
    check("point_balances_pending_non_negative", sql`${t.pending} >= 0`),
    check("point_balances_debt_non_negative", sql`${t.debt} >= 0`),
  ],
);

/** Expiry reminders sent, one row per lot and threshold (30 or 7 days): a retry sends nothing twice. */
export const pointLotReminders = pgTable(
  "point_lot_reminders",
  {
    lotId: integer("lot_id").notNull().references(() => pointLots.id),
    days: integer("days").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.lotId, t.days] })],
);

// ───────────────────────────── earning rules and tiers ─────────────────────────────

export const capPeriod = pgEnum("cap_period", ["day", "month", "year", "lifetime"]);

/** How points are earned; editable by admins, applied to events after the change. */
export const earningRules = pgTable("earning_rules", {
  /** purchase, signup, birthday, review, social_share, survey, membership */
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  active: boolean("active").notNull().default(true),
  /** Fixed points per event (signup, birthday, review, …); for purchase: points per currency unit. */
  points: integer("points").notNull(),
  /** At most this many postings of this rule per period (null: no cap). */
  capCount: integer("cap_count"),
  capPeriod: capPeriod("cap_period"),
  /** Days the points stay pending (refund window, review moderation). */
  holdDays: integer("hold_days").notNull().default(0),
  requiresApproval: boolean("requires_approval").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const tiers = pgTable(
  "tiers",
  {
    /** bronze, silver, gold, platinum */
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** Qualifying value over a rolling 12 months: points earned, or spend in cents (settings). */
    threshold: integer("threshold").notNull(),
    /** Purchase points multiplier, e.g. 1.25. */
    multiplier: numeric("multiplier", { precision: 4, scale: 2 }).notNull().default("1.00"),
    benefits: jsonb("benefits").$type<string[]>().notNull().default([]),
    sortOrder: integer("sort_order").notNull(),
  },
  (t) => [check("tiers_threshold_non_negative", sql`${t.threshold} >= 0`)],
);

/** A customer's current tier and what it rests on. */
export const customerTiers = pgTable(
  "customer_tiers",
  {
    customerId: uuid("customer_id").primaryKey().references(() => customers.id),
    tierId: text("tier_id").notNull().references(() => tiers.id),
    /** The qualifying value (points or cents) at the last recompute. */
    qualifyingValue: integer("qualifying_value").notNull().default(0),
    /** A tier set by an admin, until a date (audited). */
    manualFloorTierId: text("manual_floor_tier_id").references(() => tiers.id),
    manualFloorUntil: timestamp("manual_floor_until", { withTimezone: true, mode: "date" }),
    /** A downgrade waits until this date (grace period). */
    downgradeAfter: timestamp("downgrade_after", { withTimezone: true, mode: "date" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  // members console: the tier filter (customers held at one tier)
  (t) => [index("customer_tiers_tier_idx").on(t.tierId)],
);

export const tierHistory = pgTable(
  "tier_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    fromTierId: text("from_tier_id"),
    toTierId: text("to_tier_id").notNull(),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  // a customer's tier timeline
  (t) => [index("tier_history_customer_idx").on(t.customerId, t.createdAt)],
);

export const claimStatus = pgEnum("claim_status", ["pending", "approved", "rejected"]);

/** A review or social share the member reports with a link; approved at once or by an admin per the rule. */
export const earningClaims = pgTable(
  "earning_claims",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    /** review or social_share */
    ruleId: text("rule_id").notNull().references(() => earningRules.id),
    url: text("url").notNull(),
    status: claimStatus("status").notNull().default("pending"),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    decisionReason: text("decision_reason"),
    createdAt: createdAt(),
  },
  (t) => [
    // one claim per link per member
    unique("earning_claims_customer_url_unique").on(t.customerId, t.url),
    // the admin review queue, oldest first
    index("earning_claims_status_idx").on(t.status, t.createdAt),
  ],
);

// ───────────────────────────── store orders (the order API) ─────────────────────────────

/** A shop or POS allowed to post orders; its secret is shown once and stored hashed. */
export const integrations = pgTable("integrations", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  name: text("name").notNull(),
  /** sha256 of the secret; the secret itself is never stored. */
  secretHash: text("secret_hash").notNull(),
  /** The first characters, so admins can tell secrets apart. */
  secretPrefix: text("secret_prefix").notNull(),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
});

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    integrationId: uuid("integration_id").notNull().references(() => integrations.id),
    externalId: text("external_id").notNull(),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    currency: text("currency").notNull(),
    totalCents: integer("total_cents").notNull(),
    qualifyingCents: integer("qualifying_cents").notNull(),
    refundedCents: integer("refunded_cents").notNull().default(0),
    /** Points the order earned (for proportional reversals). */
    points: integer("points").notNull().default(0),
    lines: jsonb("lines").$type<{ sku?: string; name?: string; quantity: number; totalCents: number }[]>().notNull().default([]),
    placedAt: timestamp("placed_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // idempotency by (integration, external id): the same order sent 5 times posts once
    unique("orders_integration_external_unique").on(t.integrationId, t.externalId),
    // analytics: a customer's orders in time
    index("orders_customer_idx").on(t.customerId, t.placedAt),
    check("orders_amounts_valid", sql`${t.totalCents} >= 0 and ${t.qualifyingCents} >= 0 and ${t.qualifyingCents} <= ${t.totalCents} and ${t.refundedCents} between 0 and ${t.totalCents}`),
  ],
);

export const orderRefunds = pgTable(
  "order_refunds",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    orderId: uuid("order_id").notNull().references(() => orders.id),
    externalId: text("external_id").notNull(),
    amountCents: integer("amount_cents").notNull(),
    points: integer("points").notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique("order_refunds_order_external_unique").on(t.orderId, t.externalId), check("order_refunds_amount_positive", sql`${t.amountCents} > 0`)],
);

// ───────────────────────────── rewards catalog, experiences, redemptions ─────────────────────────────

export const rewardKind = pgEnum("reward_kind", ["discount", "product", "service", "donation", "experience"]);
export const rewardStatus = pgEnum("reward_status", ["draft", "active", "archived"]);

export type DiscountConfig = { type: "amount" | "percent"; value: number; expiresInDays: number | null; stripePromotion: boolean };

export const rewards = pgTable(
  "rewards",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    /** Markdown, sanitised when rendered. */
    description: text("description").notNull().default(""),
    kind: rewardKind("kind").notNull(),
    status: rewardStatus("status").notNull().default("draft"),
    /** For experiences, a session may set its own cost. */
    pointsCost: integer("points_cost").notNull(),
    /** Units left; null means unlimited. Taken by a conditional update, never count-then-insert. */
    stock: integer("stock"),
    perMemberLimit: integer("per_member_limit"),
    publishAt: timestamp("publish_at", { withTimezone: true, mode: "date" }),
    unpublishAt: timestamp("unpublish_at", { withTimezone: true, mode: "date" }),
    minTierId: text("min_tier_id").references(() => tiers.id),
    paidMembersOnly: boolean("paid_members_only").notNull().default(false),
    /** Members of this tier or higher (or paid members) see it this many days before everyone else. */
    earlyAccessDays: integer("early_access_days").notNull().default(0),
    earlyAccessTierId: text("early_access_tier_id").references(() => tiers.id),
    category: text("category"),
    sortOrder: integer("sort_order").notNull().default(0),
    discount: jsonb("discount").$type<DiscountConfig>(),
    /** A cause, for donations. */
    cause: text("cause"),
    imageId: uuid("image_id"),
    imageUrl: text("image_url"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    // the catalog: active rewards in display order
    index("rewards_catalog_idx").on(t.status, t.sortOrder),
    check("rewards_points_cost_positive", sql`${t.pointsCost} > 0`),
    check("rewards_stock_non_negative", sql`${t.stock} is null or ${t.stock} >= 0`),
    check("rewards_window_ordered", sql`${t.publishAt} is null or ${t.unpublishAt} is null or ${t.publishAt} < ${t.unpublishAt}`),
  ],
);

/** Uploaded images, validated and size-capped, served with cache headers. */
export const rewardImages = pgTable("reward_images", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  contentType: text("content_type").notNull(),
  bytes: bytea("bytes").notNull(),
  width: integer("width"),
  height: integer("height"),
  createdAt: createdAt(),
});

export const sessionMode = pgEnum("session_mode", ["first_come", "draw"]);
export const sessionStatus = pgEnum("session_status", ["scheduled", "cancelled"]);

export const experienceSessions = pgTable(
  "experience_sessions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    rewardId: uuid("reward_id").notNull().references(() => rewards.id),
    startsAt: timestamp("starts_at", { withTimezone: true, mode: "date" }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true, mode: "date" }).notNull(),
    timeZone: text("time_zone").notNull().default("UTC"),
    location: text("location"),
    onlineUrl: text("online_url"),
    capacity: integer("capacity").notNull(),
    /** Seats taken; the CHECK is the last word on capacity (DESIGN invariant 6). */
    booked: integer("booked").notNull().default(0),
    perMemberLimit: integer("per_member_limit").notNull().default(1),
    /** Bookings and cancellations close this long before the start. */
    cutoffHours: integer("cutoff_hours").notNull().default(24),
    pointsCost: integer("points_cost"),
    mode: sessionMode("mode").notNull().default("first_come"),
    drawOpensAt: timestamp("draw_opens_at", { withTimezone: true, mode: "date" }),
    drawClosesAt: timestamp("draw_closes_at", { withTimezone: true, mode: "date" }),
    /** Published with the results so anyone can re-run the draw. */
    drawSeed: text("draw_seed"),
    drawnAt: timestamp("drawn_at", { withTimezone: true, mode: "date" }),
    status: sessionStatus("status").notNull().default("scheduled"),
    createdAt: createdAt(),
  },
  (t) => [
    // an experience's sessions in time
    index("experience_sessions_reward_idx").on(t.rewardId, t.startsAt),
    check("experience_sessions_capacity", sql`${t.capacity} > 0 and ${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
    check("experience_sessions_times", sql`${t.startsAt} < ${t.endsAt}`),
    check("experience_sessions_cost_positive", sql`${t.pointsCost} is null or ${t.pointsCost} > 0`),
  ],
);

export const redemptionStatus = pgEnum("redemption_status", ["pending", "fulfilled", "cancelled"]);

export const redemptions = pgTable(
  "redemptions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    rewardId: uuid("reward_id").notNull().references(() => rewards.id),
    sessionId: uuid("session_id").references(() => experienceSessions.id),
    status: redemptionStatus("status").notNull().default("pending"),
    pointsCost: integer("points_cost").notNull(),
    /** Discount rewards: the unique code shown at once. */
    code: text("code").unique(),
    shippingAddress: jsonb("shipping_address").$type<Record<string, string>>(),
    trackingNumber: text("tracking_number"),
    fulfilledAt: timestamp("fulfilled_at", { withTimezone: true, mode: "date" }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true, mode: "date" }),
    cancelReason: text("cancel_reason"),
    /**
     * The member's form submission that made it (a fresh key per rendered form): the same form sent
     * twice finds this redemption instead of redeeming again. Null for the draw and older rows.
     */
    requestKey: uuid("request_key"),
    createdAt: createdAt(),
  },
  (t) => [
    // a member's redemptions, and per-member limits
    index("redemptions_customer_idx").on(t.customerId, t.rewardId),
    // a resent redeem form: the redemption made under this member's request key (NULLs never collide)
    uniqueIndex("redemptions_request_key_unique").on(t.customerId, t.requestKey),
    // attendee lists and the fulfilment queue
    index("redemptions_session_idx").on(t.sessionId, t.status),
    index("redemptions_status_idx").on(t.status, t.createdAt),
  ],
);

export const tickets = pgTable("tickets", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  redemptionId: uuid("redemption_id").notNull().unique().references(() => redemptions.id),
  /** Short, unambiguous, typed at the door or scanned from the QR code. */
  code: text("code").notNull().unique(),
  checkedInAt: timestamp("checked_in_at", { withTimezone: true, mode: "date" }),
  checkedInBy: text("checked_in_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

export const waitlistStatus = pgEnum("waitlist_status", ["waiting", "offered", "booked", "expired", "left"]);

export const waitlistEntries = pgTable(
  "waitlist_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    sessionId: uuid("session_id").notNull().references(() => experienceSessions.id),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    status: waitlistStatus("status").notNull().default("waiting"),
    offeredAt: timestamp("offered_at", { withTimezone: true, mode: "date" }),
    offerExpiresAt: timestamp("offer_expires_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    // FIFO: the first waiting member of a session
    index("waitlist_entries_session_idx").on(t.sessionId, t.status, t.id),
    // one live place per member per session
    uniqueIndex("waitlist_entries_live_unique").on(t.sessionId, t.customerId).where(sql`${t.status} in ('waiting', 'offered')`),
  ],
);

export const drawResult = pgEnum("draw_result", ["entered", "won", "lost", "skipped"]);

export const drawEntries = pgTable(
  "draw_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    sessionId: uuid("session_id").notNull().references(() => experienceSessions.id),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    result: drawResult("result").notNull().default("entered"),
    createdAt: createdAt(),
  },
  (t) => [unique("draw_entries_session_customer_unique").on(t.sessionId, t.customerId)],
);

// ───────────────────────────── referrals ─────────────────────────────

/** A member's referral codes: one generated, and at most one vanity code chosen once. Stored upper-case. */
export const referralCodes = pgTable(
  "referral_codes",
  {
    code: text("code").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    vanity: boolean("vanity").notNull().default(false),
    createdAt: createdAt(),
  },
  // one generated and one vanity code per member
  (t) => [unique("referral_codes_user_vanity_unique").on(t.userId, t.vanity)],
);

export const referralClicks = pgTable(
  "referral_clicks",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    code: text("code").notNull().references(() => referralCodes.code, { onDelete: "cascade" }),
    /** sha256 of IP and user agent with the auth secret: fraud rules need equality, not the values. */
    ipHash: text("ip_hash").notNull(),
    uaHash: text("ua_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // the referrer's funnel and burst detection: clicks of one code in time
    index("referral_clicks_code_idx").on(t.code, t.createdAt),
    // velocity: clicks and sign-ups from one IP in a week
    index("referral_clicks_ip_idx").on(t.ipHash, t.createdAt),
  ],
);

export const referralStatus = pgEnum("referral_status", ["pending", "qualified", "rewarded", "void", "flagged", "rejected", "blocked"]);
export const referralSource = pgEnum("referral_source", ["link", "code"]);

export const referrals = pgTable(
  "referrals",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    referrerUserId: text("referrer_user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    /** A member is referred at most once. */
    refereeUserId: text("referee_user_id").notNull().unique().references(() => users.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    clickId: uuid("click_id").references(() => referralClicks.id, { onDelete: "set null" }),
    source: referralSource("source").notNull(),
    status: referralStatus("status").notNull().default("pending"),
    /** Why a referral was blocked (self-referral) or flagged for review (velocity, disposable email, burst). */
    reason: text("reason"),
    /** The Stripe Checkout Session or invoice that qualified it (the referee's first paid membership). */
    qualifyingReference: text("qualifying_reference"),
    /** What that payment charged, in integer cents after the referral discount (the admin report's revenue); null when not recorded. */
    qualifyingAmountCents: integer("qualifying_amount_cents"),
    qualifiedAt: timestamp("qualified_at", { withTimezone: true, mode: "date" }),
    /** The referrer's points are pending until then (hold period). */
    rewardAvailableAt: timestamp("reward_available_at", { withTimezone: true, mode: "date" }),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    // the referrer's list and funnel
    index("referrals_referrer_idx").on(t.referrerUserId, t.createdAt),
    // the review queue and reports by status
    index("referrals_status_idx").on(t.status, t.createdAt),
    // a refund or dispute finds the referral its payment qualified
    index("referrals_qualifying_reference_idx").on(t.qualifyingReference),
  ],
);

// ───────────────────────────── surveys ─────────────────────────────

export const surveyTrigger = pgEnum("survey_trigger", ["after_joining", "after_experience"]);

/** An NPS survey (0–10 and a comment), sent `delay_days` after its trigger by the daily job. */
export const surveys = pgTable(
  "surveys",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    /** For admins only ("Onboarding NPS"); members read the question. */
    name: text("name").notNull(),
    question: text("question").notNull(),
    trigger: surveyTrigger("trigger").notNull(),
    delayDays: integer("delay_days").notNull(),
    active: boolean("active").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [check("surveys_delay_days_range", sql`${t.delayDays} between 0 and 365`)],
);

export const surveyChannel = pgEnum("survey_channel", ["app", "email"]);

/**
 * One survey sent to one customer about one subject, and its answer. The unique (survey, customer,
 * subject) key makes the daily job idempotent: a second run inserts nothing and emails nobody.
 */
export const surveyInvitations = pgTable(
  "survey_invitations",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    surveyId: uuid("survey_id").notNull().references(() => surveys.id),
    customerId: uuid("customer_id").notNull().references(() => customers.id),
    /** What is asked about: "join" (joining the program) or "session:<experience session id>". */
    subject: text("subject").notNull(),
    /** Set for experience surveys, so the member and the admin see which experience it was. */
    sessionId: uuid("session_id").references(() => experienceSessions.id),
    /** sha256 of the email link's token; the token itself is only in the email. */
    tokenHash: text("token_hash").notNull().unique(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }).notNull(),
    /** Neither the link nor the app takes an answer after this. */
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true, mode: "date" }),
    score: smallint("score"),
    comment: text("comment"),
    answeredVia: surveyChannel("answered_via"),
    /** Points the answer earned (0: the rule was off or capped); null until the award has run. */
    points: integer("points"),
    createdAt: createdAt(),
  },
  (t) => [
    // one invitation per survey, customer and subject: the daily job's idempotency key
    unique("survey_invitations_subject_unique").on(t.surveyId, t.customerId, t.subject),
    // NPS by month (lib/surveys/nps.ts) and the analytics trend: answers in a date range
    index("survey_invitations_answered_idx").on(t.answeredAt),
    // the admin's per-survey counts and responses list, newest first
    index("survey_invitations_survey_idx").on(t.surveyId, t.answeredAt),
    // the member's open surveys on the dashboard
    index("survey_invitations_customer_idx").on(t.customerId, t.answeredAt),
    check("survey_invitations_score_range", sql`${t.score} is null or ${t.score} between 0 and 10`),
    check("survey_invitations_comment_length", sql`${t.comment} is null or char_length(${t.comment}) <= 1000`),
    check("survey_invitations_answer_complete", sql`(${t.answeredAt} is null) = (${t.score} is null) and (${t.answeredAt} is null) = (${t.answeredVia} is null)`),
  ],
);

// ───────────────────────────── points accounting (rollups for /admin/accounting; docs/decisions/0009) ─────────────────────────────

/**
 * Daily sums of the journal per account. refreshAccounting (the nightly job) adds the entries with
 * id ≤ accounting_state.entries_through; the report reads newer entries live, so the roll-forward
 * is exact at any moment without scanning ten million entries.
 */
export const accountingEntryDays = pgTable(
  "accounting_entry_days",
  {
    /** The entries' UTC day (point_entries.created_at, the posting's effective date). */
    day: date("day", { mode: "string" }).notNull(),
    account: ledgerAccount("account").notNull(),
    /** Sum of the positive amounts, and of the negative ones as a positive number. */
    increase: bigint("increase", { mode: "number" }).notNull(),
    decrease: bigint("decrease", { mode: "number" }).notNull(),
    entries: bigint("entries", { mode: "number" }).notNull(),
  },
  // the roll-forward and liability: the days of a range, every account
  (t) => [primaryKey({ columns: [t.day, t.account] })],
);

/** Closed lots per UTC closing day (breakage = expired ÷ (expired + redeemed)); rebuilt by refreshAccounting. */
export const accountingLotClosings = pgTable("accounting_lot_closings", {
  day: date("day", { mode: "string" }).primaryKey(),
  lots: bigint("lots", { mode: "number" }).notNull(),
  expired: bigint("expired", { mode: "number" }).notNull(),
  redeemed: bigint("redeemed", { mode: "number" }).notNull(),
});

/** Open points by month of expiry (lots already past due count in the refresh's month); rebuilt by refreshAccounting. */
export const accountingExpiry = pgTable(
  "accounting_expiry",
  {
    month: date("month", { mode: "string" }).notNull(),
    state: lotState("state").notNull(),
    points: bigint("points", { mode: "number" }).notNull(),
    lots: bigint("lots", { mode: "number" }).notNull(),
  },
  // the expiry schedule: twelve months from the refresh
  (t) => [primaryKey({ columns: [t.month, t.state] })],
);

/** One row: how far the rollups reach. */
export const accountingState = pgTable(
  "accounting_state",
  {
    id: smallint("id").primaryKey().default(1),
    /** point_entries with id ≤ this are summed in accounting_entry_days (a watermark read under a SHARE lock). */
    entriesThrough: bigint("entries_through", { mode: "number" }).notNull().default(0),
    /** The moment the lot rollups describe (the refresh's `now`); null until the first refresh. */
    lotsAsOf: timestamp("lots_as_of", { withTimezone: true, mode: "date" }),
    /** Open points in lots that never expire, by state. */
    neverExpiringAvailable: bigint("never_expiring_available", { mode: "number" }).notNull().default(0),
    neverExpiringPending: bigint("never_expiring_pending", { mode: "number" }).notNull().default(0),
    refreshedAt: timestamp("refreshed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [check("accounting_state_single_row", sql`${t.id} = 1`)],
);

// ───────────────────────────── analytics (rollups for /admin/analytics; docs/decisions/0008-analytics.md) ─────────────────────────────
// Rebuilt by refreshAnalytics (lib/analytics/refresh.ts) in the daily job, so the dashboard reads
// a few thousand rows instead of scanning millions of orders, postings and members.

/**
 * One number per metric, UTC day and dimension (a plan or reward id; '' when none). Flow metrics
 * (sign-ups, trials, clicks, …) are rebuilt in full; stock metrics (paid members, MRR) are written
 * for the refresh's day only, so their history accumulates. Missing rows mean zero.
 */
export const analyticsDaily = pgTable(
  "analytics_daily",
  {
    metric: text("metric").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    dimension: text("dimension").notNull().default(""),
    value: bigint("value", { mode: "number" }).notNull(),
  },
  // every view: the days of a range for a few metrics
  (t) => [primaryKey({ columns: [t.metric, t.day, t.dimension] })],
);

/** Members who signed up in a month (UTC) and, k months later, were active (earned, spent or ordered) or purchased. */
export const analyticsCohorts = pgTable(
  "analytics_cohorts",
  {
    cohortMonth: date("cohort_month", { mode: "string" }).notNull(),
    monthsSince: integer("months_since").notNull(),
    members: integer("members").notNull(),
    active: integer("active").notNull(),
    purchasing: integer("purchasing").notNull(),
  },
  // the heat map: the cohorts of a range, every offset
  (t) => [primaryKey({ columns: [t.cohortMonth, t.monthsSince] })],
);

/**
 * Purchase behaviour per segment (member, non_member, control, treatment) over a fixed period
 * ('all' time or the last '12m' before the refresh): repeat rate, frequency, AOV and CLV come from
 * these sums. Distinct customers do not add up across days, hence fixed periods, not daily rows.
 */
export const analyticsPurchaseStats = pgTable(
  "analytics_purchase_stats",
  {
    period: text("period").notNull(),
    segment: text("segment").notNull(),
    /** Customers in the segment, whether they bought or not. */
    population: integer("population").notNull(),
    /** …who placed at least one order in the period, and at least two. */
    customers: integer("customers").notNull(),
    repeatCustomers: integer("repeat_customers").notNull(),
    orders: bigint("orders", { mode: "number" }).notNull(),
    /** Order totals minus refunds, integer cents. */
    revenueCents: bigint("revenue_cents", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.segment] })],
);

/** One row per refresh: what "as of" the dashboard shows, and how long the rebuild took. */
export const analyticsRefreshes = pgTable(
  "analytics_refreshes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The refresh's `now`: every rollup counts events before it. */
    asOf: timestamp("as_of", { withTimezone: true, mode: "date" }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    createdAt: createdAt(),
  },
  // the dashboard's "as of": the latest refresh
  (t) => [index("analytics_refreshes_created_idx").on(t.createdAt)],
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
export type Customer = typeof customers.$inferSelect;
export type PointPosting = typeof pointPostings.$inferSelect;
export type PointEntry = typeof pointEntries.$inferSelect;
export type PointLot = typeof pointLots.$inferSelect;
export type PointBalance = typeof pointBalances.$inferSelect;
export type PostingKind = (typeof postingKind.enumValues)[number];
export type LedgerAccount = (typeof ledgerAccount.enumValues)[number];
export type EarningRule = typeof earningRules.$inferSelect;
export type Tier = typeof tiers.$inferSelect;
export type CustomerTier = typeof customerTiers.$inferSelect;
export type Integration = typeof integrations.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type EarningClaim = typeof earningClaims.$inferSelect;
export type ReferralCode = typeof referralCodes.$inferSelect;
export type Referral = typeof referrals.$inferSelect;
export type NewEarningClaim = typeof earningClaims.$inferInsert;
export type Reward = typeof rewards.$inferSelect;
export type NewReward = typeof rewards.$inferInsert;
export type ExperienceSession = typeof experienceSessions.$inferSelect;
export type Redemption = typeof redemptions.$inferSelect;
export type Ticket = typeof tickets.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Role = (typeof userRole.enumValues)[number];
export type Setting = typeof settings.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;
export type Survey = typeof surveys.$inferSelect;
export type NewSurvey = typeof surveys.$inferInsert;
export type SurveyInvitation = typeof surveyInvitations.$inferSelect;
export type OutboxEmail = typeof emailOutbox.$inferSelect;
export type NewOutboxEmail = typeof emailOutbox.$inferInsert;
export type ExperimentGroup = (typeof experimentGroup.enumValues)[number];
