import "server-only";
import { stripeErrorType } from "./stripe-errors";
import { randomBytes } from "node:crypto";
import { asc, eq, ne } from "drizzle-orm";
import { db } from "@/db";
import { plans, type Plan, type PlanBenefits } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import { planRuleErrors, type PlanFieldErrors, type PlanUpdate } from "./plan-schemas";
import { getStripe } from "./stripe-client";
import { syncPlan } from "./sync-plans";

/**
 * A change the stored plan refuses, in words for the admin; the action shows it like a form error.
 * (Not ActionError: lib/actions/action.ts imports next/navigation, which `npm run stripe:sync`
 * cannot load, and the script uses this module.)
 */
export class PlanEditError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "invalid_input",
    readonly fieldErrors?: PlanFieldErrors,
  ) {
    super(message);
    this.name = "PlanEditError";
  }
}

/** The admin's view of plans: every plan, active or not, in pricing-page order. */
export async function listPlansForAdmin(): Promise<Plan[]> {
  return db.select().from(plans).orderBy(asc(plans.sortOrder), asc(plans.id));
}

export async function findPlan(id: string): Promise<Plan | null> {
  const [plan] = await db.select().from(plans).where(eq(plans.id, id));
  return plan ?? null;
}

// ── Stripe sync, in words an admin can act on ────────────────────────────────

export type PlanSyncOutcome =
  | { planId: string; name: string; action: "unchanged" | "created"; lookupKey: string; priceId: string }
  | { planId: string; name: string; action: "failed"; lookupKey: string | null; error: string };

/** Stripe's own message is the useful one for an admin (it names the object and the field). */
function syncErrorMessage(error: unknown): string {
  const type = stripeErrorType(error);
  if (type === "StripeConnectionError") return "Cairn couldn't reach Stripe. Check the network and STRIPE_SECRET_KEY.";
  if (type === "StripeAuthenticationError") return "Stripe refused the API key. Check STRIPE_SECRET_KEY.";
  if (type) return `Stripe said: ${(error as Error).message}`;
  const reference = randomBytes(4).toString("hex");
  console.error(`[billing] plan sync failed ${reference}`, error);
  return `An unexpected error stopped the sync (reference ${reference} in the server log).`;
}

/**
 * Makes Stripe match one paid plan (see syncPlan: a changed price becomes a new Stripe price that
 * takes over the lookup_key). Never throws: the outcome says what happened, so one failing plan
 * does not hide the others.
 */
export async function syncPlanToStripe(plan: Plan): Promise<PlanSyncOutcome> {
  const base = { planId: plan.id, name: plan.name };
  if (!plan.lookupKey) {
    // Checkout finds a plan's price by lookup_key only (STYLE 7): without one it can't be sold.
    return { ...base, action: "failed", lookupKey: null, error: `This paid plan has no Stripe lookup key, so Cairn can't find or create its price. Give plan "${plan.id}" a lookup_key (for example cairn_${plan.id}) in db/seed-plans.ts or the database.` };
  }
  try {
    const result = await syncPlan(await getStripe(), plan);
    if (!result) return { ...base, action: "failed", lookupKey: plan.lookupKey, error: "Stripe has no price for this plan's lookup key and none was created." };
    return { ...base, action: result.action, lookupKey: result.lookupKey, priceId: result.priceId };
  } catch (error) {
    return { ...base, action: "failed", lookupKey: plan.lookupKey, error: syncErrorMessage(error) };
  }
}

/**
 * Syncs every paid plan, one at a time, and records the run in the audit log (the Stripe side
 * cannot share a transaction, so the audit row describes what was done, after it was done).
 */
export async function syncPaidPlans(actorId: string | null, reason: string): Promise<PlanSyncOutcome[]> {
  const paid = await db.select().from(plans).where(ne(plans.kind, "free")).orderBy(asc(plans.sortOrder), asc(plans.id));
  const outcomes: PlanSyncOutcome[] = [];
  for (const plan of paid) outcomes.push(await syncPlanToStripe(plan));
  await writeAudit(db, { actorId, action: "plans.synced", entityType: "plan", entityId: null, before: null, after: { outcomes }, reason });
  return outcomes;
}

/** One plan, from its edit page ("Sync to Stripe"). */
export async function syncOnePlan(actorId: string, planId: string): Promise<PlanSyncOutcome> {
  const plan = await findPlan(planId);
  if (!plan) throw new PlanEditError("That plan doesn't exist any more.", "not_found");
  if (plan.kind === "free") throw new PlanEditError("The free plan has nothing to sync: it is not sold through Stripe.", "invalid_input");
  const outcome = await syncPlanToStripe(plan);
  await writeAudit(db, { actorId, action: "plans.synced", entityType: "plan", entityId: plan.id, before: null, after: { outcomes: [outcome] }, reason: "Sync to Stripe from the plan page" });
  return outcome;
}

// ── editing ──────────────────────────────────────────────────────────────────

const EDITABLE = ["name", "description", "priceCents", "interval", "trialDays", "benefits", "active"] as const;
type Editable = (typeof EDITABLE)[number];
type PlanFields = Pick<Plan, Editable>;

const BENEFIT_KEYS = ["earnMultiplier", "percentBack", "minTier", "memberOnlyRewards", "referralDiscountPercent", "bonusPoints"] as const satisfies (keyof PlanBenefits)[];

/** jsonb returns keys in its own order, so benefits compare key by key. */
function sameField(field: Editable, a: PlanFields, b: PlanFields): boolean {
  if (field === "benefits") return BENEFIT_KEYS.every((key) => (a.benefits[key] ?? null) === (b.benefits[key] ?? null));
  return a[field] === b[field];
}

function pick(fields: PlanFields, keys: Editable[]): Partial<PlanFields> {
  return Object.fromEntries(keys.map((key) => [key, fields[key]]));
}

export type UpdatePlanResult = {
  plan: Plan;
  /** The fields that changed; empty when the form was saved as it was. */
  changed: Editable[];
  /** Null for the free plan, which is not sold through Stripe. */
  sync: PlanSyncOutcome | null;
};

/**
 * Saves an admin's edit: the plan row and its audit entry (before/after of the changed fields,
 * the reason, the actor) commit together (DESIGN invariant 8); the row is locked so two admins'
 * edits are recorded one after the other. Stripe is synced after commit — a Stripe failure leaves
 * the edit saved and says so, and "Sync to Stripe" can be repeated safely.
 */
export async function updatePlan(actorId: string, input: PlanUpdate): Promise<UpdatePlanResult> {
  const saved = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(plans).where(eq(plans.id, input.id)).for("update");
    if (!before) throw new PlanEditError("That plan doesn't exist any more. Go back to the plan list.", "not_found");
    const fieldErrors = planRuleErrors(before, input);
    if (fieldErrors) throw new PlanEditError("Please correct the highlighted fields.", "invalid_input", fieldErrors);

    const recurring = before.kind === "recurring";
    const next: PlanFields = {
      name: input.name,
      description: input.description,
      priceCents: input.priceCents,
      interval: recurring ? input.interval! : null,
      trialDays: recurring ? input.trialDays! : 0,
      benefits: input.benefits,
      active: input.active,
    };
    const changed = EDITABLE.filter((field) => !sameField(field, before, next));
    if (!changed.length) return { plan: before, changed };

    const [plan] = await tx.update(plans).set({ ...next, updatedAt: new Date() }).where(eq(plans.id, before.id)).returning();
    await writeAudit(tx, {
      actorId,
      action: "plan.updated",
      entityType: "plan",
      entityId: plan.id,
      before: pick(before, changed),
      after: pick(next, changed),
      reason: input.reason,
    });
    return { plan, changed };
  });
  const sync = saved.plan.kind === "free" ? null : await syncPlanToStripe(saved.plan);
  return { ...saved, sync };
}
