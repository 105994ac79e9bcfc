import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { SESSION_COOKIES } from "../lib/site/visitor-pages";
import { signInViaMailbox, uniqueEmail } from "./support/sign-in";

/**
 * Decision 0012: a visitor's /, /pricing and /rewards come from static copies; a session cookie, or
 * the query a page reads, gets the page rendered for that person. A static page showing someone's
 * state would be a bug, so this checks both sides.
 */

test("a visitor is served the static copies, with the visitor's header", async ({ request }) => {
  for (const path of ["/", "/pricing", "/rewards"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["x-nextjs-cache"], `${path} comes from the cache`).toBeDefined();
    expect(await response.text(), path).toContain(">Sign in<");
  }
});

test("a shared link's ?ref= and a member's session get pages rendered for them", async ({ page, request }) => {
  const invited = await request.get("/pricing?ref=MORGAN");
  expect(invited.headers()["x-nextjs-cache"]).toBeUndefined();
  expect(await invited.text()).toContain("invited you");

  const email = uniqueEmail("public-pages");
  await signInViaMailbox(page, email);
  // The rewrite's condition names the cookie Auth.js sets: if it were renamed, members would get the visitor's copy.
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => (SESSION_COOKIES as readonly string[]).includes(c.name))).toBe(true);

  await page.goto("/");
  await expect(page.getByRole("banner").getByText(email)).toBeVisible();
  await page.goto("/pricing");
  await expect(page.getByRole("banner").getByText(email)).toBeVisible();
  await expect(page.getByText("Your plan")).toBeVisible();
  await page.goto("/rewards");
  await expect(page.getByText(/^You have [\d,]+ points? to spend\.$/)).toBeVisible();
});

/** An admin address of its own (ADMIN_EMAILS in scripts/e2e-server.mjs): one sign-in email per address per minute. */
const ADMIN = "public-pages@cairn.test";

async function saveProgramName(admin: Page, name: string) {
  await admin.goto("/admin/settings/brand");
  await admin.getByLabel("Program name").fill(name);
  await admin.getByLabel("Reason for the change").fill(`The visitor's static pages follow the brand (${name})`);
  await admin.getByRole("button", { name: "Save brand" }).click();
  await expect(admin.getByText("Brand saved")).toBeVisible();
}

/** The visitor's page from the cache, as a visitor gets it; without the comments React puts between adjacent texts. */
async function visitorHtml(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path);
  expect(response.headers()["x-nextjs-cache"], `${path} comes from the cache`).toBeDefined();
  return (await response.text()).replaceAll("<!-- -->", "");
}

test("an admin's brand edit is on the visitor's static copies and the 404 at the next request", async ({ browser, request }, testInfo) => {
  test.setTimeout(120_000);
  const renamed = `Trailhead ${Date.now().toString(36)}`;
  // Cached with the current brand first, so the edit has a copy to replace.
  expect(await visitorHtml(request, "/")).toContain("The Cairn loyalty program");
  expect(await visitorHtml(request, "/pricing")).toContain("Cairn never sees your card number");

  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const admin = await context.newPage();
  await signInViaMailbox(admin, ADMIN, "/admin/settings/brand");
  try {
    await saveProgramName(admin, renamed);
    const home = await visitorHtml(request, "/");
    expect(home).toContain(`The ${renamed} loyalty program`);
    expect(home).toContain(`<title>${renamed} — membership, points and rewards</title>`);
    expect(home, "the visitor's header (app/@header/visitor)").toContain(`truncate sm:max-w-xs">${renamed}</span>`);
    expect(await visitorHtml(request, "/pricing")).toContain(`${renamed} never sees your card number`);
    expect(await visitorHtml(request, "/rewards")).toContain(`<title>Rewards · ${renamed}</title>`);
    // The 404 of an unknown address has the layout alone: the brand header and footer.
    const missing = await request.get("/no-such-page");
    expect(missing.status()).toBe(404);
    const notFound = await missing.text();
    expect(notFound).toContain(`<title>Page not found · ${renamed}</title>`);
    expect(notFound.replaceAll("<!-- -->", "")).toContain(`truncate sm:max-w-xs">${renamed}</span>`);
  } finally {
    await saveProgramName(admin, "Cairn");
    await context.close();
  }
  expect(await visitorHtml(request, "/")).toContain("The Cairn loyalty program");
});
