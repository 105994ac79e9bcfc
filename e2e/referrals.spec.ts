import { expect, test } from "@playwright/test";
import { signInViaMailbox, uniqueEmail } from "./support/sign-in";

test("a friend follows a referral link, joins with the discount, and the referrer sees the pending reward", async ({ browser }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;

  // the referrer copies their link
  const referrerContext = await browser.newContext({ baseURL });
  const referrer = await referrerContext.newPage();
  await signInViaMailbox(referrer, uniqueEmail("referrer"), "/referrals");
  await expect(referrer.getByRole("heading", { level: 1, name: "Refer a friend" })).toBeVisible();
  const link = await referrer.getByLabel("Your referral link", { exact: true }).inputValue();
  expect(link).toMatch(/\/r\/[A-Z0-9-]+$/);
  await expect(referrer.getByRole("img", { name: "QR code for your referral link" })).toBeVisible();

  // a new visitor opens it, sees the banner, signs up and buys Lifetime at 20 % off
  const friendContext = await browser.newContext({ baseURL });
  const friend = await friendContext.newPage();
  await friend.goto(new URL(link).pathname);
  await expect(friend).toHaveURL(/\/pricing\?ref=/);
  await expect(friend.getByText(/invited you — 20 % off your first membership/)).toBeVisible();
  await signInViaMailbox(friend, uniqueEmail("friend"), "/pricing");
  await friend
    .getByRole("list", { name: "Plans" })
    .getByRole("listitem")
    .filter({ has: friend.getByRole("heading", { name: "Lifetime", exact: true }) })
    .getByRole("button", { name: /Buy Lifetime/ })
    .click();
  await friend.waitForURL(/\/dev\/stripe\/checkout\/cs_/);
  await expect(friend.getByText("$24.00").first()).toBeVisible();
  await friend.getByLabel("Card number").fill("4242 4242 4242 4242");
  await friend.getByRole("button", { name: /Pay \$24\.00/ }).click();
  await expect(friend.getByRole("heading", { level: 1, name: "Welcome to Lifetime!" })).toBeVisible({ timeout: 20_000 });
  await friendContext.close();

  // the referrer's reward is pending through the hold period
  await expect(async () => {
    await referrer.goto("/referrals");
    await expect(referrer.getByText(/joined — reward available on/)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await referrerContext.close();
});
