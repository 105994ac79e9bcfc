import { expect, test } from "@playwright/test";
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
