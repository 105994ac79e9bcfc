import type pg from "pg";
import type { LedgerBook } from "./ledger-sim";

/**
 * The rows of one table as lines of PostgreSQL's COPY text format, written with one
 * COPY … FROM STDIN per chunk: the fastest way into a table that keeps its indexes, constraints
 * and triggers, and each value is parsed by its column type's own input function.
 */
export class Table {
  readonly lines: string[] = [];
  constructor(
    readonly name: string,
    readonly columns: readonly (readonly [column: string, type: string])[],
  ) {}

  add(...values: (string | number | boolean | null)[]): void {
    if (values.length !== this.columns.length) throw new Error(`${this.name}: ${values.length} values for ${this.columns.length} columns`);
    let line = "";
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (i) line += "\t";
      line += v === null ? "\\N" : typeof v === "boolean" ? (v ? "t" : "f") : typeof v === "number" ? String(v) : copyText(v);
    }
    this.lines.push(line);
  }

  get size(): number {
    return this.lines.length;
  }
}

/** COPY text format: backslash, tab, newline and carriage return are escaped. */
function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : value;
}

/**
 * COPY FROM STDIN through node-postgres' submittable interface (what pg-copy-streams does, for one
 * buffer already in memory): the query is sent, the server asks for data, the chunks follow.
 */
class CopyIn {
  readonly done: Promise<void>;
  private error: Error | null = null;
  private settle!: (error: Error | null) => void;
  constructor(
    private readonly text: string,
    private readonly chunks: Buffer[],
  ) {
    this.done = new Promise((resolve, reject) => (this.settle = (error) => (error ? reject(error) : resolve())));
  }
  submit(connection: { query(text: string): void }) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }) {
    for (const chunk of this.chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }
  handleError(error: Error) {
    this.error = error;
  }
  handleReadyForQuery() {
    this.settle(this.error);
  }
  handleCommandComplete() {}
  handleRowDescription() {}
  handleDataRow() {}
  handlePortalSuspended() {}
  handleEmptyQuery() {}
  handleCopyData() {}
}

const CHUNK = 5_000;

export async function insertTable(client: pg.Client, table: Table): Promise<void> {
  const chunks: Buffer[] = [];
  for (let from = 0; from < table.lines.length; from += CHUNK) chunks.push(Buffer.from(table.lines.slice(from, from + CHUNK).join("\n") + "\n"));
  const copy = new CopyIn(`copy ${table.name} (${table.columns.map(([c]) => c).join(", ")}) from stdin`, chunks);
  client.query(copy as unknown as pg.QueryConfig);
  await copy.done;
}

export const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** The tables a batch fills, in the order they are written (foreign keys point backwards); column types for the reader. */
export function createTables(options: { experimentGroup: boolean } = { experimentGroup: false }) {
  const t = (name: string, columns: [string, string][]) => new Table(name, columns);
  return {
    users: t("users", [["id", "text"], ["name", "text"], ["email", "text"], ["email_verified", "timestamptz"], ["role", "user_role"], ["created_at", "timestamptz"]]),
    customers: t("customers", [["id", "uuid"], ["email", "text"], ["user_id", "text"], ["name", "text"], ["birthday", "date"], ["created_at", "timestamptz"], ...(options.experimentGroup ? [["experiment_group", "experiment_group"] as [string, string]] : [])]),
    billingCustomers: t("billing_customers", [["user_id", "text"], ["stripe_customer_id", "text"], ["created_at", "timestamptz"]]),
    memberships: t("memberships", [
      ["id", "uuid"], ["user_id", "text"], ["plan_id", "text"], ["status", "membership_status"], ["source", "membership_source"],
      ["current_period_end", "timestamptz"], ["cancel_at_period_end", "boolean"], ["trial_end", "timestamptz"], ["stripe_customer_id", "text"],
      ["stripe_subscription_id", "text"], ["stripe_checkout_session_id", "text"], ["stripe_payment_intent_id", "text"],
      ["started_at", "timestamptz"], ["ended_at", "timestamptz"], ["last_event_id", "text"], ["updated_at", "timestamptz"],
    ]),
    membershipHistory: t("membership_history", [["membership_id", "uuid"], ["from_status", "membership_status"], ["to_status", "membership_status"], ["stripe_event_id", "text"], ["reason", "text"], ["created_at", "timestamptz"]]),
    orders: t("orders", [
      ["id", "uuid"], ["integration_id", "uuid"], ["external_id", "text"], ["customer_id", "uuid"], ["currency", "text"], ["total_cents", "integer"],
      ["qualifying_cents", "integer"], ["refunded_cents", "integer"], ["points", "integer"], ["lines", "jsonb"], ["placed_at", "timestamptz"], ["created_at", "timestamptz"],
    ]),
    orderRefunds: t("order_refunds", [["id", "uuid"], ["order_id", "uuid"], ["external_id", "text"], ["amount_cents", "integer"], ["points", "integer"], ["created_at", "timestamptz"]]),
    earningClaims: t("earning_claims", [["id", "uuid"], ["customer_id", "uuid"], ["rule_id", "text"], ["url", "text"], ["status", "claim_status"], ["decided_at", "timestamptz"], ["created_at", "timestamptz"]]),
    referralCodes: t("referral_codes", [["code", "text"], ["user_id", "text"], ["vanity", "boolean"], ["created_at", "timestamptz"]]),
    referralClicks: t("referral_clicks", [["id", "uuid"], ["code", "text"], ["ip_hash", "text"], ["ua_hash", "text"], ["created_at", "timestamptz"]]),
    referrals: t("referrals", [
      ["id", "uuid"], ["referrer_user_id", "text"], ["referee_user_id", "text"], ["code", "text"], ["click_id", "uuid"], ["source", "referral_source"],
      ["status", "referral_status"], ["reason", "text"], ["qualifying_reference", "text"], ["qualified_at", "timestamptz"], ["reward_available_at", "timestamptz"],
      ["decided_by", "text"], ["decided_at", "timestamptz"], ["created_at", "timestamptz"],
    ]),
    redemptions: t("redemptions", [
      ["id", "uuid"], ["customer_id", "uuid"], ["reward_id", "uuid"], ["session_id", "uuid"], ["status", "redemption_status"], ["points_cost", "integer"],
      ["code", "text"], ["shipping_address", "jsonb"], ["tracking_number", "text"], ["fulfilled_at", "timestamptz"], ["cancelled_at", "timestamptz"],
      ["cancel_reason", "text"], ["created_at", "timestamptz"],
    ]),
    tickets: t("tickets", [["id", "uuid"], ["redemption_id", "uuid"], ["code", "text"], ["checked_in_at", "timestamptz"], ["checked_in_by", "text"], ["created_at", "timestamptz"]]),
    surveyInvitations: t("survey_invitations", [
      ["id", "uuid"], ["survey_id", "uuid"], ["customer_id", "uuid"], ["subject", "text"], ["token_hash", "text"], ["sent_at", "timestamptz"],
      ["expires_at", "timestamptz"], ["answered_at", "timestamptz"], ["score", "smallint"], ["comment", "text"], ["answered_via", "survey_channel"],
      ["points", "integer"], ["created_at", "timestamptz"],
    ]),
    postings: t("point_postings", [
      ["id", "bigint"], ["key", "text"], ["kind", "posting_kind"], ["customer_id", "uuid"], ["actor_id", "text"], ["reason", "text"], ["memo", "text"],
      ["points", "integer"], ["metadata", "jsonb"], ["created_at", "timestamptz"],
    ]),
    lots: t("point_lots", [
      ["id", "bigint"], ["customer_id", "uuid"], ["posting_id", "integer"], ["points", "integer"], ["remaining", "integer"], ["state", "lot_state"],
      ["earned_at", "timestamptz"], ["available_at", "timestamptz"], ["expires_at", "timestamptz"], ["expired", "integer"], ["redeemed", "integer"], ["closed_at", "timestamptz"],
    ]),
    entries: t("point_entries", [["posting_id", "integer"], ["account", "ledger_account"], ["customer_id", "uuid"], ["lot_id", "integer"], ["amount", "integer"], ["created_at", "timestamptz"]]),
    balances: t("point_balances", [["customer_id", "uuid"], ["available", "integer"], ["pending", "integer"], ["debt", "integer"], ["lifetime_earned", "integer"], ["lifetime_redeemed", "integer"], ["updated_at", "timestamptz"]]),
    customerTiers: t("customer_tiers", [["customer_id", "uuid"], ["tier_id", "text"], ["qualifying_value", "integer"], ["updated_at", "timestamptz"]]),
    tierHistory: t("tier_history", [["customer_id", "uuid"], ["from_tier_id", "text"], ["to_tier_id", "text"], ["reason", "text"], ["created_at", "timestamptz"]]),
    auditLog: t("audit_log", [["actor_id", "text"], ["action", "text"], ["entity_type", "text"], ["entity_id", "text"], ["before", "jsonb"], ["after", "jsonb"], ["reason", "text"], ["created_at", "timestamptz"]]),
  };
}

export type Tables = ReturnType<typeof createTables>;
export type TableName = keyof Tables;

/**
 * Takes `count` ids from a serial column's sequence, one nextval each in one statement: they may
 * interleave with other writers' (the app's, or a second writer of this seed), but every id is ours
 * alone, so batches need no table lock and can be written side by side.
 */
async function takeIds(client: pg.Client, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await client.query<{ id: string }>(`select nextval(pg_get_serial_sequence($1, 'id')) as id from generate_series(1, $2::int)`, [table, count]);
  return rows.map((r) => Number(r.id));
}

/**
 * How a batch's ledger rows are checked. "triggers": as the app's own writes are — foreign keys
 * row by row and the deferred balance trigger at COMMIT. "set-based" (a superuser's connection):
 * the row triggers are off for this transaction only (session_replication_role = replica; CHECK,
 * NOT NULL and unique constraints still apply) and the batch is checked before COMMIT with the
 * balance trigger's own rule over the batch's postings, in one grouped query — a few times faster
 * at a million members. Foreign keys are then verified over the whole database at the end
 * (verify.ts), so nothing unchecked is left behind either way.
 */
export type CheckMode = "triggers" | "set-based";

/** Writes one batch in one transaction. Postings and lots get their ids here (entries point at both). */
export async function writeBatch(client: pg.Client, tables: Tables, book: LedgerBook, mode: CheckMode = "triggers"): Promise<void> {
  await client.query("begin");
  try {
    if (mode === "set-based") await client.query("set local session_replication_role = replica");
    const postingIds = await takeIds(client, "point_postings", book.postings.length);
    const lotIds = await takeIds(client, "point_lots", book.lots.length);
    for (const p of book.postings) {
      tables.postings.add(postingIds[p.id], p.keyLot === null ? p.key : `${p.key}${lotIds[p.keyLot]}`, p.kind, p.customerId, p.actorId, p.reason, p.memo, p.points, JSON.stringify(p.metadata), iso(p.at));
    }
    for (const l of book.lots) {
      tables.lots.add(lotIds[l.id], l.customerId, postingIds[l.postingId], l.points, l.remaining, l.state, iso(l.earnedAt), iso(l.availableAt), iso(l.expiresAt), l.expired, l.redeemed, iso(l.closedAt));
    }
    for (const e of book.entries) {
      tables.entries.add(postingIds[e.postingId], e.account, e.customerId, e.lotId === null ? null : lotIds[e.lotId], e.amount, iso(e.at));
    }
    for (const table of Object.values(tables)) if (table.size) await insertTable(client, table);
    if (mode === "set-based" && book.postings.length) {
      // point_entries_balanced (migration 0003), for every posting of the batch at once
      const { rows } = await client.query<{ posting_id: string; total: string }>(
        "select posting_id, sum(amount) as total from point_entries where posting_id = any($1::int[]) group by posting_id having sum(amount) <> 0 limit 5",
        [postingIds],
      );
      if (rows.length) throw new Error(`scale seed bug: postings do not balance: ${rows.map((r) => `${r.posting_id} sums to ${r.total}`).join(", ")}`);
    }
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  }
}
