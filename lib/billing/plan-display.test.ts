import { describe, expect, it } from "vitest";
import type { Plan } from "@/db/schema";
import { DEFAULT_PLANS } from "@/db/seed-plans";
import { benefitLines, membershipTerm, priceLabel, trialLabel } from "./plan-display";

const plan = (id: string) => ({ interval: null, currency: "usd", trialDays: 0, ...DEFAULT_PLANS.find((p) => p.id === id)! }) as Plan;
const dec22 = new Date("2026-12-22T12:00:00Z");

describe("plan display", () => {
  it.each([
    ["free", "Free"],
    ["lifetime", "$30.00 once"],
    ["plus_monthly", "$9.00/month"],
    ["plus_annual", "$90.00/year"],
  ])("prices %s as %s", (id, label) => {
    expect(priceLabel(plan(id))).toBe(label);
  });

  it("lists benefits in plain words", () => {
    expect(benefitLines(plan("lifetime"))).toEqual([
      "10% back in points on every purchase",
      "Silver tier or higher while you're a member",
      "Member-only rewards and early access to experiences",
      "500 bonus points when you join",
      "Invited by a friend? 20% off your first payment",
      "One payment — never renews",
    ]);
    expect(benefitLines(plan("plus_monthly"))).toContain("2× points on every purchase");
    expect(benefitLines(plan("plus_monthly"))).toContain("Cancel any time from your account");
    expect(trialLabel(plan("plus_annual"))).toBe("30-day free trial");
    expect(trialLabel(plan("lifetime"))).toBeNull();
  });

  it("states the free plan's earning at the program's purchase rate, and no rate when it pays none", () => {
    expect(benefitLines(plan("free"), { earnRate: "3 points for every $1" })[0]).toBe("3 points for every $1 you spend");
    expect(benefitLines(plan("free"), { earnRate: null })[0]).toBe("Points on what you buy");
    expect(benefitLines(plan("free")).join(" ")).not.toMatch(/\d+ points for every/);
  });

  it.each([
    [undefined, "Invited by a friend? 20% off your first payment"],
    [10, "Invited by a friend? 10% off your first payment"],
    [50, "Invited by a friend? 20% off your first payment"],
    [0, null],
  ])("shows the referral discount the program offers (%s), capped by the plan", (offered, line) => {
    const lines = benefitLines(plan("lifetime"), { referralDiscountPercent: offered });
    expect(lines.find((l) => l.startsWith("Invited by a friend?")) ?? null).toBe(line);
  });

  it.each([
    [{ status: "active", cancelAtPeriodEnd: false }, "lifetime", "Lifetime — never renews"],
    [{ status: "trialing", cancelAtPeriodEnd: false }, "plus_monthly", "Free trial until Dec 22, 2026, then $9.00/month"],
    [{ status: "active", cancelAtPeriodEnd: false }, "plus_monthly", "Renews on Dec 22, 2026 ($9.00/month)"],
    [{ status: "active", cancelAtPeriodEnd: true }, "plus_annual", "Ends on Dec 22, 2026"],
    [{ status: "past_due", cancelAtPeriodEnd: false }, "plus_monthly", "Payment failed — update your card to keep your benefits"],
    [{ status: "refunded", cancelAtPeriodEnd: false }, "lifetime", "Refunded — paid benefits have ended"],
  ] as const)("describes %o on %s", (m, id, text) => {
    const p = plan(id);
    expect(membershipTerm({ ...m, currentPeriodEnd: p.kind === "one_time" ? null : dec22, endedAt: null }, p)).toBe(text);
  });

  it("describes a complimentary membership by its end, before and after it", () => {
    const comp = { status: "active", cancelAtPeriodEnd: true, currentPeriodEnd: dec22, endedAt: null, source: "admin_grant" } as const;
    expect(membershipTerm(comp, plan("plus_monthly"), new Date("2026-12-01T00:00:00Z"))).toBe("Complimentary until Dec 22, 2026");
    expect(membershipTerm(comp, plan("plus_monthly"), new Date("2026-12-23T00:00:00Z"))).toBe("Complimentary — ended on Dec 22, 2026");
    expect(membershipTerm({ ...comp, status: "canceled", endedAt: dec22 }, plan("plus_monthly"))).toBe("Ended on Dec 22, 2026");
  });
});
