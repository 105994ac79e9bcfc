import { expect, type Page } from "@playwright/test";

/** Requests a magic link, opens it from the dev mailbox and confirms it. Returns the emailed URL. */
export async function signInViaMailbox(page: Page, email: string, callbackPath = "/dashboard"): Promise<string> {
  // Each journey comes from its own address, as real visitors do: the per-IP sign-in limit
  // (20 per 15 minutes) would otherwise span the whole suite.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.${rand()}.${rand()}.${rand()}` });
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();

  const link = await openNewestSignInLink(page, email);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Cairn" })).toBeVisible();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === callbackPath);
  return link;
}

/** Opens the newest sign-in email for `email` in the dev mailbox and follows its link. */
export async function openNewestSignInLink(page: Page, email: string): Promise<string> {
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  await page.getByRole("list", { name: "Messages" }).getByRole("link").first().click();
  const link = page.getByRole("link", { name: "Sign in to Cairn" });
  const href = await link.getAttribute("href");
  expect(href).toContain("/sign-in/confirm?");
  await link.click();
  return href!;
}

const rand = () => Math.floor(Math.random() * 250) + 1;

/** A fresh address per run, so journeys never depend on what an earlier test left behind. */
export function uniqueEmail(name: string): string {
  return `${name}-${Date.now().toString(36)}${rand()}@cairn.test`;
}
