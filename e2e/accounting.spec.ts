import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../lib/orders/csv";
import { signInViaMailbox } from "./support/sign-in";

/**
 * Points accounting against the seeded demo program (db/seed.ts: members with points earned at start),
 * as an admin of its own (ADMIN_EMAILS in scripts/e2e-server.mjs): one sign-in email per address per
 * minute, so admin journeys never share one.
 */
const ADMIN = "finance@cairn.test";

async function signIn(page: Page, path: string) {
  await signInViaMailbox(page, ADMIN, path);
}

test("an admin reads the points accounting and downloads the liability as a CSV that parses", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "/admin/accounting");
  await expect(page.getByRole("heading", { level: 1, name: "Points accounting" })).toBeVisible();
  await expect(page.getByText("The ledger ties out")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "How these figures are calculated" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Outstanding points liability at the end of each period" })).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV of the liability by month" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^cairn-accounting-liability-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parseCsv(await readFile(await download.path(), "utf8")).map((record) => record.fields);

  const header = rows[0];
  expect(header).toEqual([
    "period_start", "period_end", "available_points", "pending_points", "debt_points", "outstanding_points", "point_value_cents",
    "liability_cents", "breakage_rate", "liability_net_of_breakage_cents", "redeemed_points", "breakage_recognised_cents",
  ]);
  // the default range, the last 12 months: 12 periods, or 13 when it starts and ends inside a month
  expect(rows.length - 1).toBeGreaterThanOrEqual(12);
  const column = (row: string[], name: string) => Number(row[header.indexOf(name)]);
  for (const row of rows.slice(1)) {
    expect(row).toHaveLength(header.length);
    expect(row[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(column(row, "outstanding_points")).toBe(column(row, "available_points") + column(row, "pending_points") - column(row, "debt_points"));
    expect(column(row, "liability_cents")).toBe(column(row, "outstanding_points") * column(row, "point_value_cents"));
  }
  // the seeded members hold points today
  expect(column(rows.at(-1)!, "outstanding_points")).toBeGreaterThan(0);

  // a reversed range is a field error, and the page falls back to the last 12 months
  await page.goto("/admin/accounting?from=2026-02-01&to=2026-01-01");
  await expect(page.getByText("The start date is after the end date.")).toBeVisible();
  await expect(page.getByText("That range can’t be used; showing the last 12 months instead.")).toBeVisible();
});
