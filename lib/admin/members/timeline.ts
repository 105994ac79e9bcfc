import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db";
import type { MembershipStatus, PostingKind } from "@/db/schema";
import { asDate, microsKey, rowsOf } from "./rows";
import { decodeTimelineCursor, TIMELINE_PAGE_SIZE, type TimelineSource } from "./schemas";

/**
 * One timeline per member, newest first, merged from everything that happened to them: store
 * orders, point postings, membership changes, referrals (either side), redemptions, emails sent
 * to their address, tier changes and admin changes. Each source is read through its own index
 * (customer / user / recipient, then time) and limited to a page before the merge, so a member
 * with years of history costs one page per source. Pages continue strictly after the last item
 * shown, by (time to the microsecond, source, id), so nothing is skipped or repeated.
 */

type Common = { id: string; at: Date; /** The cursor to continue after this item. */ key: string };

export type TimelineItem = Common &
  (
    | { source: "order"; externalId: string; totalCents: number; refundedCents: number; currency: string; points: number }
    | { source: "posting"; kind: PostingKind; reason: string; memo: string; points: number; actorEmail: string | null; reasonCode: string | null; note: string | null }
    | { source: "membership"; planName: string; from: MembershipStatus | null; to: MembershipStatus; reason: string; comp: boolean }
    | { source: "referral"; role: "referrer" | "referee"; status: string; otherEmail: string; code: string }
    | { source: "redemption"; rewardTitle: string; status: string; points: number }
    | { source: "email"; subject: string; template: string; status: string }
    | { source: "tier"; from: string | null; to: string; reason: string }
    | { source: "audit"; action: string; actorEmail: string | null; reason: string | null }
  );

export type TimelinePage = { items: TimelineItem[]; older: string | null };

type Row = { at: Date | string; key: string; source: TimelineSource; id: string; data: Record<string, unknown> | string };

export type TimelineSubject = { userId: string | null; customerId: string; emails: string[] };

/** One source's newest rows before the cursor: `at` and `id` are that source's SQL expressions. */
function part(source: TimelineSource, at: SQL, id: SQL, data: SQL, from: SQL, where: SQL, cursor: { at: string; source: string; id: string } | null, limit: number): SQL {
  const after = cursor ? sql` and ${at} <= ${cursor.at}::timestamptz and (${at}, ${source}::text, ${id}) < (${cursor.at}::timestamptz, ${cursor.source}, ${cursor.id})` : sql``;
  return sql`(select ${at} as at, ${microsKey(at)} as key, ${source}::text as source, ${id} as id, ${data} as data
    from ${from} where ${where}${after}
    order by ${at} desc, ${id} desc limit ${limit})`;
}

export async function memberTimeline(subject: TimelineSubject, before?: string, limit = TIMELINE_PAGE_SIZE, conn: Db | Tx = db): Promise<TimelinePage> {
  const cursor = before ? decodeTimelineCursor(before) : null;
  const n = limit + 1;
  const c = subject.customerId;
  const u = subject.userId;
  const emails = [...new Set(subject.emails.map((e) => e.toLowerCase()))];

  const parts: SQL[] = [
    // orders_customer_idx (customer_id, placed_at)
    part(
      "order",
      sql`o.placed_at`,
      sql`o.id::text`,
      sql`jsonb_build_object('externalId', o.external_id, 'totalCents', o.total_cents, 'refundedCents', o.refunded_cents, 'currency', o.currency, 'points', o.points)`,
      sql`orders o`,
      sql`o.customer_id = ${c}`,
      cursor,
      n,
    ),
    // point_postings_customer_idx (customer_id, created_at)
    part(
      "posting",
      sql`p.created_at`,
      sql`p.id::text`,
      sql`jsonb_build_object('kind', p.kind, 'reason', p.reason, 'memo', p.memo, 'points', p.points, 'actorEmail', a.email, 'reasonCode', p.metadata->>'reasonCode', 'note', p.metadata->>'note')`,
      sql`point_postings p left join users a on a.id = p.actor_id`,
      sql`p.customer_id = ${c}`,
      cursor,
      n,
    ),
    // redemptions_customer_idx (customer_id, …)
    part(
      "redemption",
      sql`r.created_at`,
      sql`r.id::text`,
      sql`jsonb_build_object('rewardTitle', w.title, 'status', r.status, 'points', r.points_cost)`,
      sql`redemptions r join rewards w on w.id = r.reward_id`,
      sql`r.customer_id = ${c}`,
      cursor,
      n,
    ),
    // tier_history_customer_idx (customer_id, created_at)
    part("tier", sql`t.created_at`, sql`t.id::text`, sql`jsonb_build_object('from', t.from_tier_id, 'to', t.to_tier_id, 'reason', t.reason)`, sql`tier_history t`, sql`t.customer_id = ${c}`, cursor, n),
    // audit_log_entity_idx (entity_type, entity_id, created_at). A points adjustment's audit row is
    // not repeated: its posting line already shows who made it and why.
    part(
      "audit",
      sql`l.created_at`,
      sql`l.id::text`,
      sql`jsonb_build_object('action', l.action, 'actorEmail', a.email, 'reason', l.reason)`,
      sql`audit_log l left join users a on a.id = l.actor_id`,
      sql`l.action <> 'points.adjusted' and ((l.entity_type = 'customer' and l.entity_id = ${c})${
        u ? sql` or (l.entity_type = 'user' and l.entity_id = ${u}) or (l.entity_type = 'membership' and l.entity_id in (select id::text from memberships where user_id = ${u}))` : sql``
      })`,
      cursor,
      n,
    ),
  ];
  if (emails.length) {
    // email_outbox_to_idx ("to", created_at)
    parts.push(
      part(
        "email",
        sql`e.created_at`,
        sql`e.id::text`,
        sql`jsonb_build_object('subject', e.subject, 'template', e.template, 'status', e.status)`,
        sql`email_outbox e`,
        sql`e."to" in (${sql.join(
          emails.map((e) => sql`${e}`),
          sql`, `,
        )})`,
        cursor,
        n,
      ),
    );
  }
  if (u) {
    parts.push(
      // memberships_user_idx, then membership_history_membership_idx (membership_id, created_at)
      part(
        "membership",
        sql`h.created_at`,
        sql`h.id::text`,
        sql`jsonb_build_object('planName', pl.name, 'from', h.from_status, 'to', h.to_status, 'reason', h.reason, 'comp', m.source = 'admin_grant')`,
        sql`membership_history h join memberships m on m.id = h.membership_id join plans pl on pl.id = m.plan_id`,
        sql`m.user_id = ${u}`,
        cursor,
        n,
      ),
      // referrals_referrer_idx and the referee's unique key
      part(
        "referral",
        sql`r.created_at`,
        sql`r.id::text`,
        sql`jsonb_build_object('role', case when r.referrer_user_id = ${u} then 'referrer' else 'referee' end, 'status', r.status, 'otherEmail', o.email, 'code', r.code)`,
        sql`referrals r join users o on o.id = case when r.referrer_user_id = ${u} then r.referee_user_id else r.referrer_user_id end`,
        sql`(r.referrer_user_id = ${u} or r.referee_user_id = ${u})`,
        cursor,
        n,
      ),
    );
  }

  const rows = rowsOf<Row>(
    await conn.execute(sql`select at, key, source, id, data from (${sql.join(parts, sql` union all `)}) t order by at desc, source desc, id desc limit ${n}`),
  );
  const items = rows.slice(0, limit).map(toItem);
  return { items, older: rows.length > limit ? items.at(-1)!.key : null };
}

function toItem(row: Row): TimelineItem {
  const data = (typeof row.data === "string" ? JSON.parse(row.data) : row.data) as Record<string, never>;
  const common = { id: row.id, at: asDate(row.at), key: `${row.key}~${row.source}~${row.id}` };
  return { ...common, source: row.source, ...data } as TimelineItem;
}
