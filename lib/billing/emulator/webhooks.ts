import { createHmac } from "node:crypto";
import type Stripe from "stripe";
import type { Db } from "@/db/client";
import { ObjectStore } from "./store";
import { DELIVERY_OBJECT, type DeliveryRow } from "./work";

/**
 * Sends each event to the app's webhook endpoint the way Stripe does: a JSON POST signed with the
 * endpoint secret (`Stripe-Signature: t=…,v1=…`), retried with backoff on anything but a 2xx.
 * Deliveries are rows in the database, so a restart resumes them. Test controls can hold delivery
 * (then `flush()`), repeat, shuffle or parallelise it — Stripe promises none of order,
 * exactly-once or serial delivery, and the app must cope.
 */

export type WebhookFetch = (url: string, init: { method: "POST"; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<{ status: number; text(): Promise<string> }>;

export type WebhookOptions = {
  /** The app's endpoint, e.g. http://localhost:3000/api/stripe/webhook */
  url: string;
  /**
   * `whsec_…`. Omit it to use the secret the emulator generated for this database
   * (`emulator.webhookSecret()`), which the app's webhook route then verifies with.
   */
  secret?: string;
  /** Defaults to global fetch; tests pass the route handler directly. */
  fetch?: WebhookFetch;
  /** `auto` delivers after each change commits; `manual` holds everything until `flush()`. */
  mode?: "auto" | "manual";
  /** Waits before each retry; its length bounds the attempts (one more than its length). */
  retryDelaysMs?: number[];
  /** Deliver every event this many times (at-least-once delivery made visible). */
  duplicates?: number;
  /** Deliver each batch in random order; a function supplies the randomness (seeded tests). */
  shuffle?: boolean | (() => number);
  /** How many deliveries may be in flight at once. */
  concurrency?: number;
  timeoutMs?: number;
  /** Called after every attempt (logging, assertions). */
  onAttempt?: (attempt: DeliveryAttempt) => void;
};

/** One event's delivery, as tests and the dev tools see it. */
export type WebhookDelivery = {
  eventId: string;
  status: DeliveryRow["status"];
  attempts: number;
  /** Real time (ms) of the next automatic attempt, when one is scheduled. */
  nextAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
};

export type DeliveryAttempt = { eventId: string; type: string; attempt: number; status: number | null; ok: boolean; error: string | null };

const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000, 600_000];

/** Stripe's signature scheme: HMAC-SHA256 of `${timestamp}.${payload}` keyed with the whole secret. */
export function signPayload(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${v1}`;
}

export class WebhookSender {
  private options: WebhookOptions | null;
  private readonly inFlight = new Set<string>();
  private readonly tasks = new Set<Promise<unknown>>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private pumping: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly db: Db,
    options: WebhookOptions | undefined,
    private readonly storedSecret: () => Promise<string>,
  ) {
    this.options = options ?? null;
  }

  get enabled(): boolean {
    return this.options !== null;
  }

  configure(patch: Partial<WebhookOptions>): void {
    if (!this.options && !patch.url) throw new Error("Configure a webhook url first.");
    this.options = { ...(this.options as WebhookOptions), ...patch };
    this.notify();
  }

  /** A transaction with events committed: deliver them (in auto mode). */
  notify(): void {
    if (!this.options || this.closed || (this.options.mode ?? "auto") !== "auto") return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.track(this.pump()).finally(() => {
      this.pumping = null;
      if (this.again) {
        this.again = false;
        this.notify();
      }
    });
  }

  /** Delivers every pending event now (held ones, and failed ones before their retry time). */
  async flush(): Promise<DeliveryAttempt[]> {
    const due = await this.pendingRows(false);
    return this.deliverBatch(due);
  }

  /** Resolves when nothing is being delivered and no retry is waiting. */
  async idle(): Promise<void> {
    while (this.tasks.size || this.timers.size) {
      if (this.tasks.size) await Promise.allSettled([...this.tasks]);
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Stops timers; pending deliveries stay in the database for the next start. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Every delivery, oldest event first. */
  async deliveries(): Promise<WebhookDelivery[]> {
    const rows = await new ObjectStore(this.db).allInternal<DeliveryRow>(DELIVERY_OBJECT);
    return rows.map((r) => ({
      eventId: r.event,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === "pending" && r.attempts > 0 ? r.next_attempt_at : null,
      lastStatus: r.last_status,
      lastError: r.last_error,
    }));
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.tasks.add(promise);
    promise.finally(() => this.tasks.delete(promise)).catch(() => {});
    return promise;
  }

  private async pump(): Promise<void> {
    for (;;) {
      const due = await this.pendingRows(true);
      if (!due.length || this.closed) return;
      await this.deliverBatch(due);
    }
  }

  private async pendingRows(onlyDue: boolean): Promise<DeliveryRow[]> {
    const rows = await new ObjectStore(this.db).allInternal<DeliveryRow>(DELIVERY_OBJECT, { status: "pending" });
    const now = Date.now();
    return rows.filter((r) => !this.inFlight.has(r.id) && (!onlyDue || r.next_attempt_at <= now));
  }

  private async deliverBatch(rows: DeliveryRow[]): Promise<DeliveryAttempt[]> {
    const options = this.options;
    if (!options || !rows.length) return [];
    const copies = Math.max(1, options.duplicates ?? 1);
    let queue = rows.flatMap((row) => Array.from({ length: copies }, (_, copy) => ({ row, copy })));
    if (options.shuffle) queue = shuffled(queue, typeof options.shuffle === "function" ? options.shuffle : Math.random);
    for (const r of rows) this.inFlight.add(r.id);
    const results: DeliveryAttempt[] = [];
    const outcome = new Map<string, DeliveryAttempt>();
    const workers = Math.max(1, options.concurrency ?? 1);
    let next = 0;
    const worker = async () => {
      while (next < queue.length) {
        const { row } = queue[next++];
        const attempt = await this.send(options, row);
        results.push(attempt);
        // A row counts as delivered if any copy got a 2xx.
        const prev = outcome.get(row.id);
        if (!prev || attempt.ok) outcome.set(row.id, attempt);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(workers, queue.length) }, worker));
      for (const row of rows) await this.record(options, row, outcome.get(row.id)!);
    } finally {
      for (const r of rows) this.inFlight.delete(r.id);
    }
    return results;
  }

  private async send(options: WebhookOptions, row: DeliveryRow): Promise<DeliveryAttempt> {
    const store = new ObjectStore(this.db);
    const event = await store.find("event", row.event);
    const attemptNo = row.attempts + 1;
    if (!event) return { eventId: row.event, type: "unknown", attempt: attemptNo, status: null, ok: false, error: "event missing" };
    const payload = JSON.stringify(event, null, 2);
    // Signed with real time, not emulator time: the receiver checks the timestamp against its own
    // clock (5 minutes' tolerance), and the emulator clock may be months ahead.
    const signature = signPayload(payload, options.secret ?? (await this.storedSecret()), Math.floor(Date.now() / 1000));
    const doFetch: WebhookFetch = options.fetch ?? ((url, init) => fetch(url, init));
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await doFetch(options.url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature, "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" },
        body: payload,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      status = res.status;
      if (status < 200 || status > 299) error = (await res.text().catch(() => "")).slice(0, 500) || `HTTP ${status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const attempt: DeliveryAttempt = { eventId: event.id, type: event.type, attempt: attemptNo, status, ok: error === null, error };
    options.onAttempt?.(attempt);
    return attempt;
  }

  private async record(options: WebhookOptions, row: DeliveryRow, attempt: DeliveryAttempt): Promise<void> {
    const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const attempts = row.attempts + 1;
    const exhausted = attempts > delays.length;
    const next: DeliveryRow = {
      ...row,
      attempts,
      status: attempt.ok ? "delivered" : exhausted ? "failed" : "pending",
      next_attempt_at: attempt.ok || exhausted ? 0 : Date.now() + delays[attempts - 1],
      last_status: attempt.status,
      last_error: attempt.error,
    };
    await this.db.transaction(async (tx) => {
      const store = new ObjectStore(tx);
      await store.putRaw(row.id, DELIVERY_OBJECT, next, 0);
      if (next.status !== "pending") {
        const event = await store.find("event", row.event);
        if (event) await store.put({ ...event, pending_webhooks: 0 } as Stripe.EventBase, event.created);
      }
    });
    if (next.status === "pending" && (options.mode ?? "auto") === "auto" && !this.closed) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.notify();
      }, delays[attempts - 1]);
      this.timers.add(timer);
    }
  }
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
