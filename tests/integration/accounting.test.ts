import { eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { pointLots, settings, users } from "@/db/schema";
import { loadBreakage } from "@/lib/accounting/breakage";
import { loadExpirySchedule } from "@/lib/accounting/expiry";
import { loadLedgerReport, netPoints } from "@/lib/accounting/ledger";
import { loadLiability } from "@/lib/accounting/report";
import { refreshAccounting } from "@/lib/accounting/views";
import type { CurrentUser } from "@/lib/auth/guards";
import { getOrCreateCustomer } from "@/lib/ledger/customers";
import { expireDueLots, releaseDueLots } from "@/lib/ledger/jobs";
import { post } from "@/lib/ledger/post";
import { parseCsv } from "@/lib/orders/csv";
import { parseDateRange, type DateRange } from "@/lib/reports/date-range";
import { createMember } from "../support/billing";

// The session is the route's input: each case decides who is calling. requireAdmin stands in for
// the page guard (the real one redirects visitors and answers 403 to members).
let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({
  getCurrentUser: async () => caller,
  requireAdmin: async () => {
    if (!caller) throw new Error("redirect to sign-in");
    if (caller.role !== "admin") throw new Error("forbidden");
    return caller;
  },
}));

const { GET: liabilityCsv } = await import("@/app/admin/accounting/liability.csv/route");
const { GET: rollForwardCsv } = await import("@/app/admin/accounting/rollforward.csv/route");
const { GET: breakageCsv } = await import("@/app/admin/accounting/breakage.csv/route");
const { GET: expiryCsv } = await import("@/app/admin/accounting/expiry.csv/route");
const { default: AccountingPage } = await import("@/app/admin/accounting/page");
const renderPage = async (searchParams: Record<string, string>) => renderToStaticMarkup(await AccountingPage({ searchParams: Promise.resolve(searchParams) }));

/** Noon UTC on a day of 2024: the hand-built program runs January to May 2024. */
const at = (day: string) => new Date(`${day}T12:00:00Z`);
const range = (from: string, to: string): DateRange => {
  const parsed = parseDateRange({ from, to });
  if (!parsed.ok) throw new Error(`bad range ${from}..${to}`);
  return parsed.range;
};
const JAN_TO_MAY = range("2024-01-01", "2024-05-31");
const REFRESHED_AT = at("2024-05-15");

let keyCounter = 0;
const key = () => `accounting-test:${keyCounter++}`;

/**
 * Five members, a point worth 2 cents. Every figure below is worked out by hand from this list
 * (the comments carry the arithmetic).
 *   A 01-10 earn 1,000 (expires 03-01) · 01-15 earn 400 · 02-05 redeem 600 (from the first lot)
 *     · 03-02 the first lot's 400 expire · 03-10 redeem 400 · 03-12 a redemption cancelled: 100 back
 *   B 01-20 earn 300 pending until 02-20 · 02-21 released · 02-25 earn 200 (expires 06-30)
 *     · 03-05 redeem 450 (200 from the second lot, 250 from the first) · 03-20 the first earn
 *     refunded: 300 reversed, 50 from the lot, 250 become debt · 04-02 earn 400: 250 pay the debt
 *   C 02-10 admin +250 (expires 05-01) · 03-15 admin −50 · 04-10 earn 80 pending until 06-01
 *     · 04-20 30 of them voided · 05-02 the +250 lot's remaining 200 expire
 *   D 05-10 earn 70 that never expire · 05-11 earn 30 expiring 2026-01-01
 *   E 05-12 earn 40 expiring 05-14 (not yet expired when the rollup is refreshed on 05-15)
 */
async function buildProgram() {
  await db.insert(settings).values({ key: "points", value: { expiryMonths: 12, pointValueCents: 2 } });
  const [a, b, c, d, e] = await Promise.all(["a", "b", "c", "d", "e"].map((n) => getOrCreateCustomer(`accounting-${n}@example.com`).then((x) => x.id)));
  const earn = (customerId: string, points: number, day: string, extra: { expiresAt?: Date | null; holdUntil?: Date } = {}) =>
    post({ kind: "earn", key: key(), customerId, points, reason: "purchase", memo: "Purchase", at: at(day), ...extra });
  const redeem = (customerId: string, points: number, day: string) => post({ kind: "redeem", key: key(), customerId, points, reason: "redemption", memo: "Reward", at: at(day) });

  await earn(a, 1000, "2024-01-10", { expiresAt: at("2024-03-01") });
  await earn(a, 400, "2024-01-15", { expiresAt: at("2024-12-31") });
  const b1 = await earn(b, 300, "2024-01-20", { holdUntil: at("2024-02-20"), expiresAt: at("2024-12-31") });
  await redeem(a, 600, "2024-02-05");
  await post({ kind: "adjust", key: key(), customerId: c, points: 250, expiresAt: at("2024-05-01"), reason: "admin_adjustment", memo: "Goodwill", at: at("2024-02-10") });
  expect(await releaseDueLots(at("2024-02-21"))).toBe(1);
  await earn(b, 200, "2024-02-25", { expiresAt: at("2024-06-30") });
  expect(await expireDueLots(at("2024-03-02"))).toEqual({ lots: 1, points: 400 });
  await redeem(b, 450, "2024-03-05");
  await redeem(a, 400, "2024-03-10");
  await post({ kind: "refund", key: key(), customerId: a, points: 100, reason: "redemption_cancelled", memo: "Reward cancelled", at: at("2024-03-12") });
  await post({ kind: "adjust", key: key(), customerId: c, points: -50, reason: "admin_adjustment", memo: "Correction", at: at("2024-03-15") });
  await post({ kind: "reverse", key: key(), customerId: b, points: 300, sourcePostingId: b1.posting.id, reason: "order_refund", memo: "Order refunded", at: at("2024-03-20") });
  await earn(b, 400, "2024-04-02", { expiresAt: at("2025-04-02") });
  const c2 = await earn(c, 80, "2024-04-10", { holdUntil: at("2024-06-01"), expiresAt: at("2025-04-10") });
  const [c2Lot] = await db.select().from(pointLots).where(eq(pointLots.postingId, c2.posting.id));
  await post({ kind: "void", key: key(), customerId: c, lotId: c2Lot.id, points: 30, reason: "order_refund", memo: "Order refunded", at: at("2024-04-20") });
  expect(await expireDueLots(at("2024-05-02"))).toEqual({ lots: 1, points: 200 });
  await earn(d, 70, "2024-05-10", { expiresAt: null });
  await earn(d, 30, "2024-05-11", { expiresAt: at("2026-01-01") });
  await earn(e, 40, "2024-05-12", { expiresAt: at("2024-05-14") });
}

const pick = (m: { issued: number; reversed: number; redeemed: number; cancelled: number; expired: number; adjusted: number }) => [m.issued, m.reversed, m.redeemed, m.cancelled, m.expired, m.adjusted];

async function expectHandBuiltFigures() {
  const ledger = await loadLedgerReport(JAN_TO_MAY);
  expect(ledger.periods.map((p) => [p.start, p.endExclusive])).toEqual([
    ["2024-01-01", "2024-02-01"],
    ["2024-02-01", "2024-03-01"],
    ["2024-03-01", "2024-04-01"],
    ["2024-04-01", "2024-05-01"],
    ["2024-05-01", "2024-06-01"],
  ]);
  //                                                    issued rev  redeemed cancel expired adjusted
  expect(ledger.periods.map((p) => pick(p.movements))).toEqual([
    [1700, 0, 0, 0, 0, 0], // 1,000 + 400 + 300 pending
    [200, 0, 600, 0, 0, 250], // B's 200; A's 600; C's +250 (the release moves pending to available: no change)
    [0, 300, 850, 100, 400, -50], // 450 + 400 redeemed, 100 back, 400 expired, −50
    [480, 30, 0, 0, 0, 0], // 400 + 80 issued; 30 pending voided
    [140, 0, 0, 0, 200, 0], // 70 + 30 + 40; C's 200 expired
  ]);
  expect(ledger.periods.map((p) => [netPoints(p.opening), p.closing.available, p.closing.pending, p.closing.debt, netPoints(p.closing), p.difference])).toEqual([
    [0, 1400, 300, 0, 1700, 0],
    [1700, 1550, 0, 0, 1550, 0], // 1,400 − 600 + 250 + 300 released + 200
    [1550, 300, 0, 250, 50, 0], // A 100, B 0 with 250 owed, C 200
    [50, 450, 50, 0, 500, 0], // B's 400 pays the 250 owed, 150 available; C 50 pending
    [500, 390, 50, 0, 440, 0], // −200 + 70 + 30 + 40
  ]);
  expect(pick(ledger.movements)).toEqual([2520, 330, 1450, 100, 600, 200]);
  expect([netPoints(ledger.opening), netPoints(ledger.closing), ledger.difference]).toEqual([0, 440, 0]);
  expect(ledger.tieOut).toEqual({ ledger: { available: 390, pending: 50, debt: 0 }, balances: { available: 390, pending: 50, debt: 0 }, members: 5, ties: true });

  const breakage = await loadBreakage(JAN_TO_MAY);
  // closed in March: A's first lot (400 expired, 600 redeemed), B's second (200 redeemed), A's second
  // (400 redeemed), B's first (250 redeemed; its last 50 reversed); in May: C's lot (200 expired)
  expect(breakage.periods.map((p) => [p.lots, p.expired, p.redeemed, p.cumulative.expired, p.cumulative.redeemed])).toEqual([
    [0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0],
    [4, 400, 1450, 400, 1450],
    [0, 0, 0, 400, 1450],
    [1, 200, 0, 600, 1450],
  ]);
  expect(breakage.toDate).toEqual({ lots: 5, expired: 600, redeemed: 1450 });

  const liability = await loadLiability(JAN_TO_MAY);
  expect(liability.pointValueCents).toBe(2);
  expect(liability.rows.map((r) => [r.points, r.cents, r.rate === null ? null : Number(r.rate.toFixed(6)), r.netOfBreakageCents, r.redeemed, r.breakageRecognisedCents])).toEqual([
    [1700, 3400, null, 3400, 0, 0], // no lot closed yet: no breakage assumed
    [1550, 3100, null, 3100, 600, 0],
    [50, 100, 0.216216, 78, 750, 414], // 400/1,850; 100 × 1,450/1,850 = 78.4; 750 × 2 × 400/1,450 = 413.8
    [500, 1000, 0.216216, 784, 0, 0], // 1,000 × 1,450/1,850 = 783.8
    [440, 880, 0.292683, 622, 0, 0], // 600/2,050; 880 × 1,450/2,050 = 622.4
  ]);
  expect(liability.current).toMatchObject({ points: 440, cents: 880, netOfBreakageCents: 622 });
}

describe("points accounting", () => {
  let admin: CurrentUser;
  let member: CurrentUser;

  beforeAll(async () => {
    await buildProgram();
    const user = await createMember("accounting-admin@example.com");
    await db.update(users).set({ role: "admin" }).where(eq(users.id, user.id));
    admin = { ...user, role: "admin" };
    member = await createMember("accounting-member@example.com");
  });

  it("reads every figure live before the first refresh", async () => {
    expect((await loadLedgerReport(JAN_TO_MAY)).entriesThrough).toBe(0);
    expect((await loadBreakage(JAN_TO_MAY)).asOf).toBeNull();
    await expectHandBuiltFigures();
  });

  it("gives the same figures from the rollups after a refresh", async () => {
    const refresh = await refreshAccounting(db, REFRESHED_AT);
    // 20 postings: 17 of two entries, 3 of three (B's redemption from two lots, the reversal into debt, the earning that pays it)
    expect(refresh).toMatchObject({ entriesAdded: 43, watermarkRead: true, lotClosingDays: 5 });
    expect((await loadLedgerReport(JAN_TO_MAY)).entriesThrough).toBe(refresh.entriesThrough);
    expect((await loadBreakage(JAN_TO_MAY)).asOf).toEqual(REFRESHED_AT);
    await expectHandBuiltFigures();
    // a second run adds nothing
    expect(await refreshAccounting(db, REFRESHED_AT)).toMatchObject({ entriesAdded: 0, entriesThrough: refresh.entriesThrough });
    await expectHandBuiltFigures();
  });

  it("cuts a range that does not start on the first of a month into partial months", async () => {
    const ledger = await loadLedgerReport(range("2024-02-10", "2024-03-04"));
    expect(ledger.periods.map((p) => [p.start, p.endExclusive, netPoints(p.opening), netPoints(p.closing), ...pick(p.movements)])).toEqual([
      // opening: 1,700 in January, 600 redeemed on 02-05
      ["2024-02-10", "2024-03-01", 1100, 1550, 200, 0, 0, 0, 0, 250],
      ["2024-03-01", "2024-03-05", 1550, 1150, 0, 0, 0, 0, 400, 0],
    ]);
    const breakage = await loadBreakage(range("2024-02-10", "2024-03-04"));
    expect(breakage.periods.map((p) => [p.lots, p.expired, p.redeemed])).toEqual([
      [0, 0, 0],
      [1, 400, 600], // only A's first lot closed by 03-04
    ]);
  });

  it("schedules the points expiring in each of the next 12 months", async () => {
    const schedule = await loadExpirySchedule();
    expect(schedule.asOf).toEqual(REFRESHED_AT);
    expect(schedule.months.map((m) => m.month)).toEqual([
      "2024-05-01", "2024-06-01", "2024-07-01", "2024-08-01", "2024-09-01", "2024-10-01",
      "2024-11-01", "2024-12-01", "2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01",
    ]);
    const nonEmpty = schedule.months.filter((m) => m.lots > 0).map((m) => [m.month, m.available, m.pending, m.lots]);
    expect(nonEmpty).toEqual([
      ["2024-05-01", 40, 0, 1], // E's lot, past due on 05-14: goes at the next nightly run
      ["2025-03-01", 100, 0, 1], // A's cancelled redemption: a new lot, 12 months from 2024-03-12
      ["2025-04-01", 150, 50, 2], // B's 150 left after the debt; C's 50 pending
    ]);
    expect(schedule.later).toEqual({ available: 30, pending: 0, lots: 1 });
    expect(schedule.never).toEqual({ available: 70, pending: 0 });
    // read live (as before any refresh) the schedule is the same
    const { months, later } = await loadExpirySchedule(db, REFRESHED_AT);
    expect({ months, later }).toEqual({ months: schedule.months, later: schedule.later });
  });

  describe("CSV downloads", () => {
    const request = (path: string) => new Request(`http://localhost${path}`);

    it("send visitors to sign in and refuse members", async () => {
      caller = null;
      const anonymous = await liabilityCsv(request("/admin/accounting/liability.csv?from=2024-01-01&to=2024-05-31"));
      expect(anonymous.status).toBe(307);
      expect(anonymous.headers.get("location")).toBe("http://localhost/sign-in?callbackUrl=%2Fadmin%2Faccounting%2Fliability.csv%3Ffrom%3D2024-01-01%26to%3D2024-05-31");
      caller = member;
      for (const route of [liabilityCsv, rollForwardCsv, breakageCsv, expiryCsv]) {
        const refused = await route(request("/admin/accounting/x.csv"));
        expect(refused.status).toBe(403);
        expect(await refused.text()).not.toContain(",");
      }
    });

    it("refuse a reversed or half-open range with the field's message", async () => {
      caller = admin;
      const reversed = await liabilityCsv(request("/admin/accounting/liability.csv?from=2024-05-31&to=2024-01-01"));
      expect(reversed.status).toBe(400);
      expect(await reversed.text()).toBe("from: The start date is after the end date.\n");
      const halfOpen = await rollForwardCsv(request("/admin/accounting/rollforward.csv?from=2024-01-01"));
      expect(halfOpen.status).toBe(400);
      expect(await halfOpen.text()).toContain("to: Choose an end date");
    });

    it("give the admin each table as a CSV that parses", async () => {
      caller = admin;
      const liability = await liabilityCsv(request("/admin/accounting/liability.csv?from=2024-01-01&to=2024-05-31"));
      expect(liability.status).toBe(200);
      expect(liability.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(liability.headers.get("content-disposition")).toMatch(/^attachment; filename="cairn-accounting-liability-2024-01-01-to-2024-05-31-\d{4}-\d{2}-\d{2}\.csv"$/);
      const rows = parseCsv(await liability.text()).map((r) => r.fields);
      expect(rows[0]).toEqual([
        "period_start", "period_end", "available_points", "pending_points", "debt_points", "outstanding_points", "point_value_cents",
        "liability_cents", "breakage_rate", "liability_net_of_breakage_cents", "redeemed_points", "breakage_recognised_cents",
      ]);
      expect(rows.slice(1)).toEqual([
        ["2024-01-01", "2024-01-31", "1400", "300", "0", "1700", "2", "3400", "", "3400", "0", "0"],
        ["2024-02-01", "2024-02-29", "1550", "0", "0", "1550", "2", "3100", "", "3100", "600", "0"],
        ["2024-03-01", "2024-03-31", "300", "0", "250", "50", "2", "100", "0.216216", "78", "750", "414"],
        ["2024-04-01", "2024-04-30", "450", "50", "0", "500", "2", "1000", "0.216216", "784", "0", "0"],
        ["2024-05-01", "2024-05-31", "390", "50", "0", "440", "2", "880", "0.292683", "622", "0", "0"],
      ]);

      const rollForward = parseCsv(await (await rollForwardCsv(request("/admin/accounting/rollforward.csv?from=2024-03-01&to=2024-03-31"))).text()).map((r) => r.fields);
      expect(rollForward).toEqual([
        ["period_start", "period_end", "opening_points", "issued_points", "reversed_points", "redeemed_points", "cancelled_redemption_points", "expired_points", "adjusted_points", "closing_points", "closing_available_points", "closing_pending_points", "closing_debt_points", "difference_points"],
        // numbers go out as they are: only text that could start a formula is quoted
        ["2024-03-01", "2024-03-31", "1550", "0", "300", "850", "100", "400", "-50", "50", "300", "0", "250", "0"],
      ]);

      const breakage = parseCsv(await (await breakageCsv(request("/admin/accounting/breakage.csv?from=2024-03-01&to=2024-05-31"))).text()).map((r) => r.fields);
      expect(breakage.slice(1)).toEqual([
        ["2024-03-01", "2024-03-31", "4", "400", "1450", "0.216216", "400", "1450", "0.216216"],
        ["2024-04-01", "2024-04-30", "0", "0", "0", "", "400", "1450", "0.216216"],
        ["2024-05-01", "2024-05-31", "1", "200", "0", "1", "600", "1450", "0.292683"],
      ]);

      const expiry = parseCsv(await (await expiryCsv(request("/admin/accounting/expiry.csv"))).text()).map((r) => r.fields);
      expect(expiry[0]).toEqual(["month", "available_points", "pending_points", "total_points", "lots"]);
      expect(expiry).toHaveLength(1 + 12 + 2);
      expect(expiry[1]).toEqual(["2024-05-01", "40", "0", "40", "1"]);
      expect(expiry.slice(-2)).toEqual([
        ["later", "30", "0", "30", "1"],
        ["never", "70", "0", "70", ""],
      ]);
    });
  });

  describe("the page", () => {
    it("is for admins only, checked before anything is read", async () => {
      caller = null;
      await expect(renderPage({})).rejects.toThrow("redirect to sign-in");
      caller = member;
      await expect(renderPage({})).rejects.toThrow("forbidden");
    });

    it("shows today's figures, the tie-out, each table with its CSV link, and the method", async () => {
      caller = admin;
      const html = await renderPage({ from: "2024-01-01", to: "2024-05-31" });
      expect(html).toContain("<h1");
      // today: 440 points × 2 ¢; net of breakage 880 × 1,450/2,050; 600/2,050 from 5 closed lots
      expect(html).toContain("$8.80");
      expect(html).toContain("$6.22");
      expect(html).toContain("29.3%");
      expect(html).toContain("from 5 closed lots");
      expect(html).toContain("The ledger ties out");
      for (const table of ["liability", "rollforward", "breakage", "expiry"]) {
        expect(html).toContain(`href="/admin/accounting/${table}.csv?from=2024-01-01&amp;to=2024-05-31"`);
      }
      for (const caption of ["Outstanding points liability at the end of each period", "Points roll-forward", "Breakage history", "Points expiring in each of the next 12 months"]) {
        expect(html).toContain(caption);
      }
      expect(html).toContain('<th scope="row"');
      expect(html).toContain('<th scope="col"');
      expect(html).toContain("Mar 2024");
      expect(html).toContain("How these figures are calculated");
      expect(html).toContain("expired ÷ (expired + redeemed)");
      expect(html).toContain("counts as negative liability");
      // everything ties out, so there is no difference column
      expect(html).not.toContain(">Difference<");
    });

    it("shows a reversed or half-open range as a field error, with the last 12 months' figures", async () => {
      caller = admin;
      const reversed = await renderPage({ from: "2024-05-31", to: "2024-01-01" });
      expect(reversed).toContain("The start date is after the end date.");
      expect(reversed).toContain("showing the last 12 months instead");
      const halfOpen = await renderPage({ from: "2024-01-01" });
      expect(halfOpen).toContain("Choose an end date");
    });
  });

  it("counts postings made after the refresh at once, backdated ones in their own month, and rolls them up next time", async () => {
    const f = (await getOrCreateCustomer("accounting-f@example.com")).id;
    const before = await refreshAccounting(db, REFRESHED_AT);
    await post({ kind: "earn", key: key(), customerId: f, points: 10, reason: "import", memo: "Imported order", at: at("2024-01-05"), expiresAt: null });
    await post({ kind: "redeem", key: key(), customerId: f, points: 4, reason: "redemption", memo: "Reward", at: at("2024-06-03") });

    const live = await loadLedgerReport(JAN_TO_MAY);
    expect(live.entriesThrough).toBe(before.entriesThrough);
    expect(live.periods[0].movements.issued).toBe(1710);
    expect(live.periods.map((p) => netPoints(p.closing))).toEqual([1710, 1560, 60, 510, 450]);
    // the June redemption is after the range but counts today: 390 + 10 − 4 available
    expect(live.tieOut).toMatchObject({ ledger: { available: 396, pending: 50, debt: 0 }, ties: true, members: 6 });

    const again = await refreshAccounting(db, REFRESHED_AT);
    expect(again.entriesAdded).toBe(4);
    const rolled = await loadLedgerReport(JAN_TO_MAY);
    expect(rolled.entriesThrough).toBe(again.entriesThrough);
    expect({ ...rolled, entriesThrough: 0 }).toEqual({ ...live, entriesThrough: 0 });
  });
});
