import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { auditLog, referralCodes, referrals, settings, users } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/guards";
import { DEFAULT_REFERRAL_SETTINGS } from "@/lib/referrals/schemas";

// The session is the action factory's input: each case decides who is calling.
let caller: CurrentUser | null = null;
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => caller }));
// revalidatePath needs Next's request store; the tests call the actions directly.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), refresh: vi.fn() }));

const { decideReferralAction, setVanityCodeAction, updateReferralSettingsAction } = await import("@/lib/referrals-ui/actions");

const uid = () => crypto.randomUUID().slice(0, 8);

async function person(role: "member" | "admin" = "member"): Promise<CurrentUser> {
  const [user] = await db.insert(users).values({ email: `${role}-${uid()}@example.com`, name: "Alex Morgan", role }).returning();
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

const vanityOf = (userId: string) => db.select().from(referralCodes).where(and(eq(referralCodes.userId, userId), eq(referralCodes.vanity, true)));
const storedSettings = () => db.select().from(settings).where(eq(settings.key, "referrals"));
const settingsForm = (overrides: Record<string, string> = {}) => {
  const form = new FormData();
  const values = { ...DEFAULT_REFERRAL_SETTINGS, rewardPoints: 750, reason: "Spring campaign", ...overrides };
  for (const [key, value] of Object.entries(values)) form.set(key, String(value));
  return form;
};

/** A flagged referral between two fresh members. */
async function flaggedReferral() {
  const referrer = await person();
  const referee = await person();
  const code = `T${uid().toUpperCase()}`;
  await db.insert(referralCodes).values({ code, userId: referrer.id, vanity: false });
  const [row] = await db.insert(referrals).values({ referrerUserId: referrer.id, refereeUserId: referee.id, code, source: "link", status: "flagged", reason: "burst" }).returning();
  return row;
}

beforeEach(() => {
  caller = null;
});

describe("setVanityCodeAction", () => {
  it("refuses an anonymous caller before looking at the input", async () => {
    expect(await setVanityCodeAction({ code: "!!" })).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("sets the signed-in member's code once, upper-cased, and refuses a second one as a field error", async () => {
    caller = await person();
    const form = new FormData();
    form.set("code", "alex-hikes-" + uid().slice(0, 4));
    const first = await setVanityCodeAction(null, form);
    expect(first).toMatchObject({ ok: true });
    const [row] = await vanityOf(caller.id);
    expect(first.ok && first.data.code).toBe(row.code);
    expect(row.code).toBe(row.code.toUpperCase());

    const again = await setVanityCodeAction({ code: "other-" + uid().slice(0, 4) });
    expect(again).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringContaining("can't be changed")] } });
    expect(await vanityOf(caller.id)).toHaveLength(1);
  });

  it("shows a malformed code as a field error and writes nothing", async () => {
    caller = await person();
    expect(await setVanityCodeAction({ code: "a b" })).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { code: expect.any(Array) } });
    expect(await vanityOf(caller.id)).toHaveLength(0);
  });
});

describe("updateReferralSettingsAction", () => {
  it.each([
    ["an anonymous caller", null, "unauthenticated"],
    ["a member", "member", "forbidden"],
  ] as const)("refuses %s and changes nothing", async (_who, role, code) => {
    caller = role ? await person(role) : null;
    expect(await updateReferralSettingsAction(null, settingsForm())).toMatchObject({ ok: false, code });
    expect(await storedSettings()).toHaveLength(0);
  });

  it("lets an admin change the settings with a reason, audited", async () => {
    caller = await person("admin");
    const result = await updateReferralSettingsAction(null, settingsForm({ touch: "first", windowDays: "60" }));
    expect(result).toMatchObject({ ok: true, data: { rewardPoints: 750, touch: "first", windowDays: 60 } });
    const [row] = await storedSettings();
    expect(row.value).toMatchObject({ rewardPoints: 750, touch: "first", windowDays: 60 });
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "settings"), eq(auditLog.entityId, "referrals")));
    expect(audit.at(-1)).toMatchObject({ actorId: caller.id, reason: "Spring campaign" });
  });

  it("re-renders the visitor's static landing and pricing pages, which state the friend's offer (decision 0012)", async () => {
    caller = await person("admin");
    vi.mocked(revalidatePath).mockClear();
    expect(await updateReferralSettingsAction(null, settingsForm({ refereeDiscountPercent: "30" }))).toMatchObject({ ok: true });
    expect(vi.mocked(revalidatePath).mock.calls).toContainEqual(["/visitor/[view]", "page"]);
  });

  it.each([
    ["a window over 365 days", { windowDays: "366" }, "windowDays"],
    ["a missing reason", { reason: "" }, "reason"],
    ["an unknown touch model", { touch: "middle" }, "touch"],
  ])("refuses %s as a field error", async (_case, overrides, field) => {
    caller = await person("admin");
    const before = await storedSettings();
    const result = await updateReferralSettingsAction(null, settingsForm(overrides));
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { [field]: expect.any(Array) } });
    expect(await storedSettings()).toEqual(before);
  });
});

describe("decideReferralAction", () => {
  it.each([
    ["an anonymous caller", null, "unauthenticated"],
    ["a member", "member", "forbidden"],
  ] as const)("refuses %s and leaves the referral flagged", async (_who, role, code) => {
    const referral = await flaggedReferral();
    caller = role ? await person(role) : null;
    expect(await decideReferralAction({ id: referral.id, approve: true, reason: "Looks fine" })).toMatchObject({ ok: false, code });
    const [row] = await db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(row.status).toBe("flagged");
  });

  it("requires a reason from an admin", async () => {
    const referral = await flaggedReferral();
    caller = await person("admin");
    const form = new FormData();
    form.set("id", referral.id);
    form.set("approve", "false");
    form.set("reason", "");
    expect(await decideReferralAction(null, form)).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { reason: expect.any(Array) } });
    const [row] = await db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(row.status).toBe("flagged");
  });

  it("lets an admin reject a flagged referral with a reason", async () => {
    const referral = await flaggedReferral();
    caller = await person("admin");
    const form = new FormData();
    form.set("id", referral.id);
    form.set("approve", "false");
    form.set("reason", "Same household, same card");
    expect(await decideReferralAction(null, form)).toMatchObject({ ok: true, data: { id: referral.id, approved: false } });
    const [row] = await db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(row).toMatchObject({ status: "rejected", decidedBy: caller.id });
  });
});
