import { expect, type Page } from "@playwright/test";

/** Requests a magic link, opens it from the dev mailbox and confirms it. Returns the emailed URL. */
export async function signInViaMailbox(page: Page, email: string, callbackPath = "/dashboard"): Promise<string> {
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
