import { and, count, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { auditLog, earningClaims, earningRules, pointPostings, users } from "@/db/schema";
import { DEFAULT_EARNING_RULES } from "@/db/seed-program";
import type { CurrentUser } from "@/lib/auth/guards";
import { getBalance } from "@/lib/ledger/balances";
import { customerForUser } from "@/lib/ledger/customers";
import { checkLedgerInvariants } from "@/lib/ledger/invariants";

// The session is the action factory's input: each case decides who is calling.
let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => caller }));
// revalidatePath needs Next's request store; the tests call the actions directly.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));

const { decideClaimAction, submitClaimAction } = await import("@/lib/earning/claim-actions");
const { ClaimError, claimKey, decideClaim, submitClaim } = await import("@/lib/earning/claims");

const uid = () => crypto.randomUUID().slice(0, 8);

async function person(role: "member" | "admin" = "member"): Promise<CurrentUser> {
  const [user] = await db.insert(users).values({ email: `${role}-${uid()}@example.com`, role }).returning();
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** A signed-in member and their customer id. */
async function member() {
  const user = await person();
  const customer = await customerForUser(user);
  return { user, customerId: customer.id };
}

const claimsOf = (customerId: string) => db.select().from(earningClaims).where(eq(earningClaims.customerId, customerId));
const postingsOf = (customerId: string) => db.select().from(pointPostings).where(eq(pointPostings.customerId, customerId));
const auditOf = (claimId: string) => db.select().from(auditLog).where(and(eq(auditLog.entityType, "earning_claim"), eq(auditLog.entityId, claimId))).orderBy(auditLog.id);
const setRule = (id: string, values: Partial<typeof earningRules.$inferInsert>) => db.update(earningRules).set(values).where(eq(earningRules.id, id));

beforeAll(async () => {
  await db.insert(earningRules).values(DEFAULT_EARNING_RULES);
});

// Each test starts from the default rules, whatever the one before changed.
beforeEach(async () => {
  caller = null;
  for (const rule of DEFAULT_EARNING_RULES) {
    await setRule(rule.id, { active: true, points: rule.points, capCount: rule.capCount ?? null, capPeriod: rule.capPeriod ?? null, holdDays: rule.holdDays ?? 0, requiresApproval: false });
  }
});

describe("submitClaim without approval", () => {
  it("awards the rule's points once, keyed by the claim, and approves the claim", async () => {
    const { customerId } = await member();
    const result = await submitClaim({ customerId, ruleId: "review", url: "  https://www.Example.com/p/trail-jacket#reviews  " });
    expect(result).toMatchObject({ status: "approved", ruleId: "review", points: 50, pending: false });

    const [claim] = await claimsOf(customerId);
    expect(claim).toMatchObject({ id: result.claimId, status: "approved", url: "https://www.example.com/p/trail-jacket", decisionReason: null });
    expect(claim.decidedAt).toBeInstanceOf(Date);
    const postings = await postingsOf(customerId);
    expect(postings).toHaveLength(1);
    expect(postings[0]).toMatchObject({ key: claimKey(result.claimId), reason: "review", memo: "Review: example.com", points: 50 });
    expect((await getBalance(customerId)).available).toBe(50);
  });

  it("names the site a share was posted on", async () => {
    const { customerId } = await member();
    const result = await submitClaim({ customerId, ruleId: "social_share", url: "https://bsky.app/profile/me/post/1" });
    expect(result).toMatchObject({ status: "approved", points: 25 });
    expect((await postingsOf(customerId))[0].memo).toBe("Shared on bsky.app");
  });

  it("refuses the same link twice with a field error on url, and writes nothing", async () => {
    const { user, customerId } = await member();
    caller = user;
    expect(await submitClaimAction({ ruleId: "review", url: "https://example.com/review/1" })).toMatchObject({ ok: true, data: { status: "approved" } });
    // the same page with another fragment and spaces is the same link, also under another claim type
    for (const url of ["https://example.com/review/1#top", " https://example.com/review/1 "]) {
      const again = await submitClaimAction({ ruleId: "social_share", url });
      expect(again).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { url: ["You've already claimed this link"] } });
    }
    expect(await claimsOf(customerId)).toHaveLength(1);
    expect(await postingsOf(customerId)).toHaveLength(1);
    // another member may claim the same link
    const other = await member();
    expect((await submitClaim({ customerId: other.customerId, ruleId: "review", url: "https://example.com/review/1" })).status).toBe("approved");
  });

  it("rejects a claim past the cap with the reason, and awards nothing for it", async () => {
    await setRule("review", { capCount: 1, capPeriod: "month" });
    const { customerId } = await member();
    expect((await submitClaim({ customerId, ruleId: "review", url: "https://example.com/a" })).status).toBe("approved");
    const capped = await submitClaim({ customerId, ruleId: "review", url: "https://example.com/b" });
    expect(capped).toMatchObject({ status: "rejected", reason: "Monthly limit reached" });
    const [claim] = await db.select().from(earningClaims).where(eq(earningClaims.id, capped.claimId));
    expect(claim).toMatchObject({ status: "rejected", decisionReason: "Monthly limit reached" });
    expect(await postingsOf(customerId)).toHaveLength(1);
    expect((await getBalance(customerId)).available).toBe(50);
  });

  it("refuses a switched-off rule and writes nothing", async () => {
    await setRule("social_share", { active: false });
    const { user, customerId } = await member();
    await expect(submitClaim({ customerId, ruleId: "social_share", url: "https://example.com/s" })).rejects.toBeInstanceOf(ClaimError);
    caller = user;
    expect(await submitClaimAction({ ruleId: "social_share", url: "https://example.com/s" })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { ruleId: expect.any(Array) } });
    expect(await claimsOf(customerId)).toHaveLength(0);
    expect(await postingsOf(customerId)).toHaveLength(0);
  });

  it.each([
    ["not a link", "trail jacket"],
    ["another scheme", "javascript:alert(1)"],
    ["ftp", "ftp://example.com/file"],
    ["too long", `https://example.com/${"a".repeat(490)}`],
    ["empty", "   "],
  ])("refuses %s with a field error on url", async (_, url) => {
    const { user, customerId } = await member();
    caller = user;
    const result = await submitClaimAction({ ruleId: "review", url });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { url: expect.any(Array) } });
    expect(await claimsOf(customerId)).toHaveLength(0);
  });

  it("refuses a rule members cannot claim, and anonymous callers", async () => {
    const { user } = await member();
    caller = user;
    expect(await submitClaimAction({ ruleId: "signup", url: "https://example.com/x" } as never)).toMatchObject({ ok: false, fieldErrors: { ruleId: expect.any(Array) } });
    caller = null;
    expect(await submitClaimAction({ ruleId: "review", url: "https://example.com/x" })).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});

describe("claims that need approval", () => {
  beforeEach(async () => {
    await setRule("review", { requiresApproval: true });
  });

  it("waits as pending, and two racing approvals award exactly once", async () => {
    const { customerId } = await member();
    const [a, b] = [await person("admin"), await person("admin")];
    const submitted = await submitClaim({ customerId, ruleId: "review", url: "https://example.com/pending" });
    expect(submitted).toMatchObject({ status: "pending" });
    expect(await postingsOf(customerId)).toHaveLength(0);

    const results = await Promise.allSettled([
      decideClaim({ claimId: submitted.claimId, decision: "approve", reason: "Looks genuine", actorId: a.id }),
      decideClaim({ claimId: submitted.claimId, decision: "approve", reason: "Fine by me", actorId: b.id }),
    ]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r) => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(fulfilled[0].value).toMatchObject({ status: "approved", points: 50 });
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toMatchObject({ name: "ClaimError", code: "conflict" });

    const postings = await postingsOf(customerId);
    expect(postings).toHaveLength(1);
    expect(postings[0]).toMatchObject({ key: claimKey(submitted.claimId), points: 50 });
    const audit = await auditOf(submitted.claimId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "claim.approved", before: { status: "pending" }, after: { status: "approved" } });
    const [claim] = await claimsOf(customerId);
    expect(claim.status).toBe("approved");
    expect([a.id, b.id]).toContain(claim.decidedBy);
  });

  it("approves through the admin action, and a second decision is refused", async () => {
    const { customerId } = await member();
    const admin = await person("admin");
    const submitted = await submitClaim({ customerId, ruleId: "review", url: "https://example.com/via-action" });
    caller = admin;
    const form = new FormData();
    form.set("claimId", submitted.claimId);
    form.set("decision", "approve");
    form.set("reason", "Verified on the shop");
    expect(await decideClaimAction(null, form)).toMatchObject({ ok: true, data: { status: "approved", points: 50 } });
    expect(await decideClaimAction({ claimId: submitted.claimId, decision: "reject", reason: "changed my mind" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await postingsOf(customerId)).toHaveLength(1);
  });

  it("needs a reason for a decision", async () => {
    const { customerId } = await member();
    const submitted = await submitClaim({ customerId, ruleId: "review", url: "https://example.com/no-reason" });
    caller = await person("admin");
    expect(await decideClaimAction({ claimId: submitted.claimId, decision: "reject", reason: "  " })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { reason: expect.any(Array) } });
    expect((await claimsOf(customerId))[0].status).toBe("pending");
  });

  it("rejects with an audit row and awards nothing", async () => {
    const { customerId } = await member();
    const admin = await person("admin");
    const submitted = await submitClaim({ customerId, ruleId: "review", url: "https://example.com/spam" });
    expect(await decideClaim({ claimId: submitted.claimId, decision: "reject", reason: "Not a review of our product", actorId: admin.id })).toEqual({
      claimId: submitted.claimId,
      status: "rejected",
      reason: "Not a review of our product",
    });
    const [claim] = await claimsOf(customerId);
    expect(claim).toMatchObject({ status: "rejected", decidedBy: admin.id, decisionReason: "Not a review of our product" });
    const audit = await auditOf(submitted.claimId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "claim.rejected", actorId: admin.id, reason: "Not a review of our product", before: { status: "pending" }, after: { status: "rejected" } });
    expect(await postingsOf(customerId)).toHaveLength(0);
  });

  it("turns an approval down when the cap is reached by then, and audits that too", async () => {
    await setRule("review", { capCount: 1, capPeriod: "month" });
    const { customerId } = await member();
    const admin = await person("admin");
    const first = await submitClaim({ customerId, ruleId: "review", url: "https://example.com/1" });
    const second = await submitClaim({ customerId, ruleId: "review", url: "https://example.com/2" });
    expect((await decideClaim({ claimId: first.claimId, decision: "approve", reason: "ok", actorId: admin.id })).status).toBe("approved");
    expect(await decideClaim({ claimId: second.claimId, decision: "approve", reason: "ok", actorId: admin.id })).toEqual({ claimId: second.claimId, status: "rejected", reason: "Monthly limit reached" });
    const [claim] = await db.select().from(earningClaims).where(eq(earningClaims.id, second.claimId));
    expect(claim).toMatchObject({ status: "rejected", decisionReason: "Monthly limit reached" });
    expect((await auditOf(second.claimId)).map((a) => [a.action, a.reason])).toEqual([
      ["claim.approved", "ok"],
      ["claim.rejected", "Monthly limit reached"],
    ]);
    expect(await postingsOf(customerId)).toHaveLength(1);
  });

  it("refuses a member calling the admin action, and changes nothing", async () => {
    const { user, customerId } = await member();
    const submitted = await submitClaim({ customerId, ruleId: "review", url: "https://example.com/self-approve" });
    caller = user;
    expect(await decideClaimAction({ claimId: submitted.claimId, decision: "approve", reason: "me" })).toMatchObject({ ok: false, code: "forbidden" });
    expect((await claimsOf(customerId))[0].status).toBe("pending");
    expect(await auditOf(submitted.claimId)).toHaveLength(0);
    expect(await postingsOf(customerId)).toHaveLength(0);
  });

  it("answers an unknown claim with not found", async () => {
    caller = await person("admin");
    expect(await decideClaimAction({ claimId: crypto.randomUUID(), decision: "approve", reason: "x" })).toMatchObject({ ok: false, code: "not_found" });
  });
});

it("leaves the ledger consistent", async () => {
  expect(await checkLedgerInvariants()).toEqual([]);
  const [{ n }] = await db.select({ n: count() }).from(earningClaims).where(eq(earningClaims.status, "pending"));
  expect(n).toBeGreaterThan(0);
});
