import "server-only";
import { revalidatePath } from "next/cache";

/**
 * After an admin changes what the visitor's static pages show — plans, the rewards catalog, and the
 * program settings the landing and pricing pages state (brand, earning rate, tiers, referral offer) —
 * re-render their copies (app/visitor, decision 0012) at the next request instead of within the minute.
 */
export function refreshVisitorPages(): void {
  revalidatePath("/visitor/[view]", "page");
}
