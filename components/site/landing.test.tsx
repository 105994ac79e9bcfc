import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Plan } from "@/db/schema";
import { DEFAULT_PLANS } from "@/db/seed-plans";
import { DEFAULT_BRAND } from "@/lib/brand/schemas";
import type { ProgramFacts } from "@/lib/brand/program-facts";
import type { RefereeOffer } from "@/lib/referrals/offer";
import { Landing } from "./landing";

const seeded = DEFAULT_PLANS.map((p) => ({ interval: null, currency: "usd", trialDays: 0, ...p }) as Plan);
const facts = (referralOffer: RefereeOffer, over: Partial<ProgramFacts> = {}): ProgramFacts => ({ brand: DEFAULT_BRAND, purchasePoints: 1, referralOffer, tierNames: {}, plans: seeded, ...over });
const textOf = (f: ProgramFacts) => renderToStaticMarkup(<Landing facts={f} />).replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ");
const text = (offer: RefereeOffer) => textOf(facts(offer));

describe("the landing page's referral promise follows the referral settings", () => {
  it("promises the discount when friends get a discount", () => {
    const page = text({ kind: "discount", percent: 20 });
    expect(page).toContain("your friend gets 20 % off their first membership");
    expect(page).toContain("Joining through a friend's link? You get 20 % off your first membership.");
  });

  it("promises welcome points, and no discount, when friends get points", () => {
    const page = text({ kind: "points", points: 500 });
    expect(page).toContain("your friend gets 500 points when they sign up");
    expect(page).toContain("Joining through a friend's link? You get 500 points when you sign up.");
    expect(page).not.toMatch(/% off/);
  });

  it("promises nothing to the friend when there is no offer", () => {
    const page = text({ kind: "none" });
    expect(page).toContain("Share your link: you get points when they buy it.");
    expect(page).not.toContain("Joining through a friend's link");
  });
});

describe("the landing page's memberships are the plans on sale", () => {
  it("shows each plan's name, price and benefits at the program's purchase rate", () => {
    const explorer = { ...seeded.find((p) => p.id === "lifetime")!, id: "explorer", name: "Explorer", priceCents: 4500 };
    const page = textOf(facts({ kind: "none" }, { plans: [seeded.find((p) => p.id === "free")!, explorer], purchasePoints: 3 }));
    expect(page).toContain("Explorer");
    expect(page).toContain("$45.00 once");
    expect(page).toContain("3 points for every $1 you spend");
    expect(page).toContain("then choose Explorer from your account");
    // plans the admin does not sell are not advertised
    expect(page).not.toMatch(/Plus|Lifetime/);
  });

  it("offers no upgrade when only the free plan is on sale", () => {
    const page = textOf(facts({ kind: "none" }, { plans: [seeded.find((p) => p.id === "free")!] }));
    expect(page).toContain("Start free with your email.");
    expect(page).not.toContain("then choose");
  });
});
