import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DEFAULT_BRAND } from "@/lib/brand/schemas";
import type { ProgramFacts } from "@/lib/brand/program-facts";
import type { RefereeOffer } from "@/lib/referrals/offer";
import { Landing } from "./landing";

const facts = (referralOffer: RefereeOffer): ProgramFacts => ({ brand: DEFAULT_BRAND, purchasePoints: 1, referralOffer, tierNames: {} });
const text = (offer: RefereeOffer) => renderToStaticMarkup(<Landing facts={facts(offer)} />).replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ");

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
