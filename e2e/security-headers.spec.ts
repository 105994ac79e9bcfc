import { expect, test, type Page } from "@playwright/test";

/** ASVS V14.4: the running server sends the security headers, and the pages break none of the CSP. */

const PAGES = ["/", "/pricing", "/rewards", "/sign-in"];

function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("V14.4.3 V14.4.4 V14.4.6 V14.4.7 pages carry CSP, frame-ancestors, nosniff and a referrer policy", async ({ request }) => {
  for (const path of PAGES) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).toContain("default-src 'self'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-powered-by"], path).toBeUndefined();
  }
});

test("V3.4.2 V3.4.3 a referral link sets its cookie HttpOnly and SameSite=Lax, with the security headers", async ({ request }) => {
  const response = await request.get("/r/MORGAN", { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  const cookie = response.headersArray().find((h) => h.name.toLowerCase() === "set-cookie")?.value ?? "";
  expect(cookie).toMatch(/^cairn_ref=/);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
});

test("V14.4.3 the public pages load without a single CSP violation", async ({ page }) => {
  const violations = collectCspViolations(page);
  for (const path of PAGES) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(violations).toEqual([]);
});
