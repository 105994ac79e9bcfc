import { expect, test } from "@playwright/test";
import { signInViaMailbox } from "./support/sign-in";

test.describe("sign-in by magic link", () => {
  test("V4.1.3 a member signs in through the dev mailbox and is refused the admin area", async ({ page }) => {
    await signInViaMailbox(page, "member@cairn.test");
    await expect(page.getByRole("heading", { level: 1, name: "Your dashboard" })).toBeVisible();
    await expect(page.getByRole("banner").getByText("member@cairn.test")).toBeVisible();

    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("don't have access");
  });

  test("an admin reaches the admin area", async ({ page }) => {
    await signInViaMailbox(page, "admin@cairn.test", "/admin");
    await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
  });

  test("V2.7.3 a used link says so and offers a new one", async ({ page, browser }) => {
    const link = await signInViaMailbox(page, "alex@cairn.test");
    const other = await browser.newPage();
    await other.goto(link);
    await expect(other.getByRole("heading", { level: 1, name: "This sign-in link no longer works" })).toBeVisible();
    await expect(other.getByRole("button", { name: "Email me a new link" })).toBeVisible();
    await other.close();
  });

  test("V2.7.3 a forged link is refused without signing in", async ({ page }) => {
    await page.goto(`/sign-in/confirm?token=${"a".repeat(64)}&email=member%40cairn.test`);
    await expect(page.getByRole("heading", { level: 1, name: "This sign-in link no longer works" })).toBeVisible();
    // Straight to Auth.js's callback with a forged token: its error page, still signed out.
    await page.goto(`/api/auth/callback/resend?token=${"b".repeat(64)}&email=member%40cairn.test`);
    await expect(page.getByRole("heading", { level: 1, name: "This sign-in link no longer works" })).toBeVisible();
    const dashboard = await page.goto("/dashboard");
    expect(new URL(dashboard!.url()).pathname).toBe("/sign-in");
  });

  test("V5.1.3 a malformed email gets a field error and sends nothing", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByText("Enter a valid email address")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await page.goto("/dev/mailbox?to=not-an-email");
    await expect(page.getByText("No messages yet")).toBeVisible();
  });

  test("V2.2.1 a second request within a minute is rate limited", async ({ page }) => {
    for (const attempt of [1, 2]) {
      await page.goto("/sign-in");
      await page.getByLabel("Email").fill("jordan@cairn.test");
      await page.getByRole("button", { name: "Email me a sign-in link" }).click();
      if (attempt === 1) await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
    }
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Too many sign-in emails");
  });

  test("V4.1.3 a visitor is sent to sign in from members-only pages", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin/);
  });
});
