import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../lib/orders/csv";
import { signInViaMailbox } from "./support/sign-in";

/**
 * Program analytics against the seeded demo program, as an admin of its own (ADMIN_EMAILS in
 * scripts/e2e-server.mjs): one sign-in email per address per minute, so admin journeys never share one.
 */
const ADMIN = "analyst@cairn.test";

async function signIn(page: Page, path: string) {
  await signInViaMailbox(page, ADMIN, path);
}

test("an admin rebuilds the analytics, reads a definition and downloads a table as a CSV that parses", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, "/admin/analytics");
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();

  // a fresh database has no figures until the nightly job (or this button) builds them
  const build = page.getByRole("button", { name: "Build the figures now" });
  await (await build.isVisible() ? build : page.getByRole("button", { name: "Refresh now" })).click();
  await expect(page.getByText(/Figures as of/)).toBeVisible({ timeout: 30_000 });

  for (const section of ["Membership", "Loyalty effect", "Retention cohorts", "Incrementality (holdout)", "Rewards and experiences", "Referral funnel", "NPS"]) {
    await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
  }
  await page.locator("summary", { hasText: "(MRR now)" }).click();
  await expect(page.getByText(/Monthly recurring revenue at the last refresh/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Members and non-members side by side" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Share of each sign-up cohort still active/ })).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV of members and non-members side by side" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^cairn-analytics-loyalty-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parseCsv(await readFile(await download.path(), "utf8")).map((record) => record.fields);
  expect(rows[0]).toEqual(["Segment", "Buying customers", "Repeat purchase rate (%)", "Orders per customer", "AOV (cents)", "CLV (cents)"]);
  expect(rows.slice(1).map((row) => row[0])).toEqual(["Members, last 12 months", "Non-members, last 12 months", "Members, all time", "Non-members, all time"]);

  // on a 320 px phone nothing reaches past the screen: wide tables scroll inside their own box
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() =>
    Math.max(...[...document.querySelectorAll("section[id]")].map((section) => section.getBoundingClientRect().right)),
  );
  expect(overflow).toBeLessThanOrEqual(320);

  // a reversed range is a field error, and the page falls back to the last 12 months
  await page.goto("/admin/analytics?from=2026-02-01&to=2026-01-01");
  await expect(page.getByText("The start date is after the end date.")).toBeVisible();
});
