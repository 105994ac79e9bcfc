import { expect, test, type Page } from "@playwright/test";
import { signInViaMailbox, uniqueEmail } from "./support/sign-in";

/**
 * The members console against the seeded demo program, as an admin of its own (ADMIN_EMAILS in
 * scripts/e2e-server.mjs): one sign-in email per address per minute, so admin journeys never share one.
 */
const ADMIN = "support@cairn.test";

async function signInAdmin(page: Page, path: string) {
  await signInViaMailbox(page, ADMIN, path);
}

test("an admin adjusts a member's points with a reason and the member sees the line", async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  const baseURL = testInfo.project.use.baseURL;

  // a member signs up (and gets whatever the program gives at sign-up)
  const memberContext = await browser.newContext({ baseURL });
  const member = await memberContext.newPage();
  const email = uniqueEmail("adjusted");
  await signInViaMailbox(member, email, "/points");
  await expect(member.getByRole("heading", { level: 1, name: "Your points" })).toBeVisible();

  // the admin finds them by the start of their email address
  const adminContext = await browser.newContext({ baseURL });
  const admin = await adminContext.newPage();
  await signInAdmin(admin, "/admin/members");
  await expect(admin.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await admin.getByRole("searchbox", { name: "Search" }).fill(email.slice(0, 14).toUpperCase());
  await admin.getByRole("button", { name: "Search", exact: true }).click();
  await admin.getByRole("link", { name: email }).click();
  await expect(admin.getByRole("heading", { level: 1, name: email })).toBeVisible();

  const adjust = admin.getByRole("form", { name: "Adjust points" });
  // without a reason: refused, nothing posted
  await adjust.getByLabel("Points", { exact: true }).fill("250");
  await adjust.getByLabel("Note for the member").fill("Thanks for your patience with the late order");
  await adjust.getByRole("button", { name: "Post adjustment" }).click();
  await expect(adjust.getByText("Choose a reason.")).toBeVisible();

  // with a reason: posted, and on the member's timeline at once
  await adjust.getByLabel("Points", { exact: true }).fill("250");
  await adjust.getByLabel("Reason", { exact: true }).selectOption({ label: "Service recovery (something went wrong)" });
  await adjust.getByLabel("Note for the member").fill("Thanks for your patience with the late order");
  await adjust.getByRole("button", { name: "Post adjustment" }).click();
  await expect(adjust.getByText("Points adjusted")).toBeVisible();
  const timeline = admin.getByRole("list", { name: "Timeline, newest first" });
  await expect(timeline.getByText("Adjustment by the Cairn team: Thanks for your patience with the late order")).toBeVisible();
  await expect(timeline.getByText(`by ${ADMIN}`).first()).toBeVisible();

  // taking away more than is available is refused with the figure
  await adjust.getByLabel("Points", { exact: true }).fill("-1000000");
  await adjust.getByLabel("Reason", { exact: true }).selectOption({ label: "Correction of an error" });
  await adjust.getByLabel("Note for the member").fill("Too much");
  await adjust.getByRole("button", { name: "Post adjustment" }).click();
  await expect(adjust.getByText(/^Only [\d,]+ points are available/)).toBeVisible();
  await adminContext.close();

  // the member reads the line, in words, in their points history
  await member.goto("/points");
  const line = member.getByRole("listitem").filter({ hasText: "Adjustment by the Cairn team: Thanks for your patience with the late order" });
  await expect(line).toBeVisible();
  await expect(line.getByText("+250 points")).toBeVisible();
  await memberContext.close();
});
