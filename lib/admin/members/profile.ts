import "server-only";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { customers, customerTiers, memberships, plans, referralCodes, users, type Customer, type Membership, type Plan, type User } from "@/db/schema";
import { hasPaidBenefits } from "@/lib/billing/memberships";
import { getBalance, type Balance } from "@/lib/ledger/balances";
import { customerForUser } from "@/lib/ledger/customers";
import { listTiers, tierProgress, type TierInfo, type TierProgress } from "@/lib/tiers/tiers";
import { UUID_RE } from "./rows";

/**
 * A member's profile for the console. The profile id is the user id for anyone with an account,
 * and the customer id for a customer known only from store orders (no account yet); a customer id
 * that belongs to an account resolves to that account's profile (the page redirects).
 */

export type ResolvedMember = { kind: "member"; user: User; customer: Customer } | { kind: "customer"; user: null; customer: Customer } | { kind: "redirect"; userId: string };

export async function resolveMember(id: string): Promise<ResolvedMember | null> {
  if (!id || id.length > 100) return null;
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (user) {
    // Every account holds points through a customer row; one signed in before the ledger existed gets it now.
    const customer = await customerForUser(user);
    return { kind: "member", user, customer };
  }
  if (!UUID_RE.test(id)) return null;
  const [customer] = await db.select().from(customers).where(eq(customers.id, id));
  if (!customer) return null;
  if (customer.userId) return { kind: "redirect", userId: customer.userId };
  return { kind: "customer", user: null, customer };
}

export type MembershipRow = Membership & { plan: Plan; live: boolean; comp: boolean };

export type TierFloor = { tierId: string; tierName: string; until: Date; active: boolean } | null;

export type MemberProfile = {
  user: User | null;
  customer: Customer;
  balance: Balance;
  tiers: TierInfo[];
  progress: TierProgress | null;
  floor: TierFloor;
  memberships: MembershipRow[];
  referralCodes: string[];
};

export async function getMemberProfile(ref: { user: User | null; customer: Customer }, now: Date = new Date()): Promise<MemberProfile> {
  const { user, customer } = ref;
  const [balance, tiers, progress, [tierRow], membershipRows, codes] = await Promise.all([
    getBalance(customer.id),
    listTiers(),
    tierProgress(customer.id, now),
    db.select().from(customerTiers).where(eq(customerTiers.customerId, customer.id)),
    user
      ? db
          .select({ membership: memberships, plan: plans })
          .from(memberships)
          .innerJoin(plans, eq(plans.id, memberships.planId))
          // memberships_user_idx
          .where(eq(memberships.userId, user.id))
          .orderBy(desc(memberships.startedAt))
      : Promise.resolve([]),
    user ? db.select({ code: referralCodes.code }).from(referralCodes).where(eq(referralCodes.userId, user.id)) : Promise.resolve([]),
  ]);
  const floorTier = tierRow?.manualFloorTierId ? tiers.find((t) => t.id === tierRow.manualFloorTierId) : null;
  return {
    user,
    customer,
    balance,
    tiers,
    progress,
    floor:
      floorTier && tierRow?.manualFloorUntil
        ? { tierId: floorTier.id, tierName: floorTier.name, until: tierRow.manualFloorUntil, active: tierRow.manualFloorUntil > now }
        : null,
    memberships: membershipRows.map(({ membership, plan }) => {
      const comp = membership.source === "admin_grant";
      // A complimentary membership past its end date has no benefits, even before the daily job ends it.
      const live = hasPaidBenefits(membership.status) && !(comp && membership.currentPeriodEnd && membership.currentPeriodEnd <= now);
      return { ...membership, plan, live, comp };
    }),
    referralCodes: codes.map((c) => c.code),
  };
}
