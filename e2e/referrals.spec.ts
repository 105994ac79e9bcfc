import { expect, test, type Page } from "@playwright/test";
import { openNewestSignInLink, signInViaMailbox, uniqueEmail } from "./support/sign-in";

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

/** The referrer's shareable code, read from their referral link. */
async function referrerCode(page: Page, email: string): Promise<string> {
  await signInViaMailbox(page, email, "/referrals");
  const link = await page.getByLabel("Your referral link", { exact: true }).inputValue();
  return decodeURIComponent(new URL(link).pathname.split("/").at(-1)!);
}

test("a friend types the code on the join form (no link, no cookie from it) and gets the discount", async ({ browser }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  const referrerContext = await browser.newContext({ baseURL });
  const code = await referrerCode(await referrerContext.newPage(), uniqueEmail("typed-referrer"));
  await referrerContext.close();

  const friendContext = await browser.newContext({ baseURL });
  const friend = await friendContext.newPage();
  const email = uniqueEmail("typed-friend");
  await friend.setExtraHTTPHeaders({ "x-forwarded-for": `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
  await friend.goto(`/sign-in?callbackUrl=${encodeURIComponent("/pricing")}`);
  await friend.getByLabel("Email").fill(email);
  await friend.getByText("Have a referral code?").click();
  // an unknown code is refused on the form, and nothing is emailed
  await friend.getByLabel("Referral code").fill("NOSUCH-CODE");
  await friend.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(friend.getByText(/We don't know that code/)).toBeVisible();
  await friend.getByLabel("Referral code").fill(code.toLowerCase());
  await friend.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(friend.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await openNewestSignInLink(friend, email);
  await friend.getByRole("button", { name: "Sign in", exact: true }).click();
  await friend.waitForURL((url) => url.pathname === "/pricing");
  await expect(friend.getByText(/invited you — 20 % off your first membership/)).toBeVisible();
  await friend
    .getByRole("list", { name: "Plans" })
    .getByRole("listitem")
    .filter({ has: friend.getByRole("heading", { name: "Lifetime", exact: true }) })
    .getByRole("button", { name: /Buy Lifetime/ })
    .click();
  await friend.waitForURL(/\/dev\/stripe\/checkout\/cs_/);
  await expect(friend.getByText("$24.00").first()).toBeVisible();
  await friendContext.close();
});

test("a signed-in member without a referral types a friend's code on the pricing page", async ({ browser }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  const referrerContext = await browser.newContext({ baseURL });
  const code = await referrerCode(await referrerContext.newPage(), uniqueEmail("pricing-referrer"));
  await referrerContext.close();

  const memberContext = await browser.newContext({ baseURL });
  const member = await memberContext.newPage();
  await signInViaMailbox(member, uniqueEmail("pricing-member"), "/pricing");
  await expect(member.getByText(/invited you/)).toHaveCount(0);
  await member.getByText("Have a referral code?").click();
  await member.getByLabel("Referral code").fill("NOSUCH-CODE");
  await member.getByRole("button", { name: "Use code" }).click();
  await expect(member.getByText(/We don't know that code/)).toBeVisible();
  await member.getByLabel("Referral code").fill(code);
  await member.getByRole("button", { name: "Use code" }).click();
  await expect(member.getByText(/invited you — 20 % off your first membership/)).toBeVisible();
  await expect(member.getByText("Have a referral code?")).toHaveCount(0);
  await memberContext.close();
});
