import { describe, expect, it } from "vitest";
import { offerForFriend, offerForYou, refereeOffer, shareMessage } from "./offer";

describe("refereeOffer", () => {
  it.each([
    [{ refereeReward: "discount", refereeDiscountPercent: 20, refereeBonusPoints: 500 }, { kind: "discount", percent: 20 }],
    [{ refereeReward: "points", refereeDiscountPercent: 20, refereeBonusPoints: 500 }, { kind: "points", points: 500 }],
    [{ refereeReward: "discount", refereeDiscountPercent: 0, refereeBonusPoints: 500 }, { kind: "none" }],
    [{ refereeReward: "points", refereeDiscountPercent: 20, refereeBonusPoints: 0 }, { kind: "none" }],
  ] as const)("%o → %o", (settings, expected) => expect(refereeOffer(settings)).toEqual(expected));
});

describe("offer texts", () => {
  const url = "https://cairn.test/r/ALEX";
  it.each([
    [{ kind: "discount", percent: 20 }, "20 % off your first membership", "20 % off their first membership", `Join me on Cairn and get 20 % off your first membership: ${url}`],
    [{ kind: "points", points: 1500 }, "1,500 points when you sign up", "1,500 points when they sign up", `Join me on Cairn and get 1,500 points when you sign up: ${url}`],
    [{ kind: "points", points: 1 }, "1 point when you sign up", "1 point when they sign up", `Join me on Cairn and get 1 point when you sign up: ${url}`],
    [{ kind: "none" }, null, null, `Join me on Cairn: ${url}`],
  ] as const)("%o", (offer, you, friend, share) => {
    expect(offerForYou(offer)).toBe(you);
    expect(offerForFriend(offer)).toBe(friend);
    expect(shareMessage(offer, url)).toBe(share);
  });
});
