import { expect, test, type Page } from "@playwright/test";
import { signInViaMailbox, uniqueEmail } from "./support/sign-in";

async function openCheckout(page: Page, plan: string, button: RegExp) {
  await page.goto("/pricing");
  await page.getByRole("list", { name: "Plans" }).getByRole("listitem").filter({ has: page.getByRole("heading", { name: plan, exact: true }) }).getByRole("button", { name: button }).click();
  await page.waitForURL(/\/dev\/stripe\/checkout\/cs_/);
  await expect(page.getByText(/^TEST MODE —/)).toBeVisible();
}

async function pay(page: Page, card: string, button: RegExp) {
  await page.getByLabel("Card number").fill(card);
  await page.getByRole("button", { name: button }).click();
}

async function advanceClock(page: Page, step: "+1 day" | "+7 days" | "+1 month" | "+1 year") {
  await page.goto("/dev/stripe");
  await page.getByRole("button", { name: `Advance the clock ${step.slice(1)}` }).click();
  await expect(page.getByText("Clock moved.")).toBeVisible();
}

test.describe("paid memberships", () => {
  test("buying Lifetime with 4242 shows Lifetime on the dashboard and emails a receipt", async ({ page }) => {
    const email = uniqueEmail("lifetime");
    await signInViaMailbox(page, email, "/pricing");
    await openCheckout(page, "Lifetime", /Buy Lifetime/);
    await expect(page.getByText("$30.00").first()).toBeVisible();
    await pay(page, "4242 4242 4242 4242", /Pay \$30\.00/);
    await expect(page.getByRole("heading", { level: 1, name: "Welcome to Lifetime!" })).toBeVisible({ timeout: 20_000 });
    await page.getByRole("link", { name: "Go to your dashboard" }).click();
    await expect(page.getByText("Lifetime — never renews")).toBeVisible();
    // 100 for joining + the Lifetime plan's 500 bonus; the plan's Silver floor applies at once
    await expect(page.getByTestId("points-available")).toHaveText("600");
    await expect(page.getByTestId("tier-badge")).toContainText("Silver");
    await page.getByRole("link", { name: "Points", exact: true }).first().click();
    await expect(page.getByText("Lifetime membership bonus")).toBeVisible();
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
    await expect(page.getByText("Receipt: Lifetime membership, $30.00")).toBeVisible();
    // paying twice is not offered
    await page.goto("/pricing");
    await expect(page.getByRole("button", { name: /Buy|Start/ })).toHaveCount(0);
  });

  test("a declined card is explained on the checkout page and creates no membership", async ({ page }) => {
    await signInViaMailbox(page, uniqueEmail("declined"), "/pricing");
    await openCheckout(page, "Lifetime", /Buy Lifetime/);
    await pay(page, "4000 0000 0000 0002", /Pay \$30\.00/);
    await expect(page.getByRole("main").getByRole("alert").first()).toContainText("declined");
    await page.goto("/dashboard");
    await expect(page.getByText("Free member")).toBeVisible();
  });

  test("a monthly member renews when the clock moves, and cancelling in the portal shows the end date", async ({ page }) => {
    const email = uniqueEmail("monthly");
    await signInViaMailbox(page, email, "/pricing");
    await openCheckout(page, "Plus monthly", /Start 30-day free trial/);
    await pay(page, "4242 4242 4242 4242", /Start trial/);
    await expect(page.getByRole("heading", { level: 1, name: "Welcome to Plus monthly!" })).toBeVisible({ timeout: 20_000 });
    await page.goto("/dashboard");
    await expect(page.getByTestId("membership-term")).toContainText("Free trial until");

    await advanceClock(page, "+1 month"); // the trial converts: first paid invoice
    await advanceClock(page, "+1 month"); // the first renewal
    await page.goto("/dashboard");
    await expect(page.getByTestId("membership-term")).toContainText("Renews on");
    await expect(page.getByTestId("membership-term")).toContainText("$9.00/month");

    await page.getByRole("button", { name: "Manage billing" }).click();
    await page.waitForURL(/\/dev\/stripe\/portal\/bps_/);
    const invoices = page.getByRole("table", { name: "Invoices" }).getByRole("row").filter({ hasText: "$9.00" });
    await expect(invoices).toHaveCount(2);

    await page.getByRole("button", { name: "Cancel plan" }).click();
    await expect(page.getByText("Your plan will end at the end of the billing period.")).toBeVisible();
    await page.getByRole("link", { name: "← Return to Cairn" }).click();
    await expect(page.getByTestId("membership-term")).toContainText(/Ends on \w{3} \d{1,2}, \d{4}/, { timeout: 15_000 });

    await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
    await expect(page.getByText("Receipt: Plus monthly membership, $9.00")).toHaveCount(2);
  });

  test("a closed tab after paying still results in a membership", async ({ page, context }) => {
    await signInViaMailbox(page, uniqueEmail("closedtab"), "/pricing");
    await openCheckout(page, "Lifetime", /Buy Lifetime/);
    // The browser never reaches the success page: the webhook alone must create the membership.
    await context.route("**/billing/success**", (route) => route.abort());
    await pay(page, "4242 4242 4242 4242", /Pay \$30\.00/);
    await page.waitForTimeout(500);
    await context.unroute("**/billing/success**");
    const dashboard = await context.newPage();
    await expect(async () => {
      await dashboard.goto("/dashboard");
      await expect(dashboard.getByText("Lifetime — never renews")).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
  });
});
