import { relations, sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
}));

export const accountsRelations = relations(accounts, ({ one }) => ({
  user: one(users, { fields: [accounts.userId], references: [users.id] }),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

// ───────────────────────────── types ─────────────────────────────

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Role = (typeof userRole.enumValues)[number];
export type Setting = typeof settings.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;
export type OutboxEmail = typeof emailOutbox.$inferSelect;
export type NewOutboxEmail = typeof emailOutbox.$inferInsert;
