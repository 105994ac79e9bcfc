import { expect, test, type Browser, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { signInViaMailbox } from "./support/sign-in";

/**
 * Rewards against the seeded demo catalog (db/seed-catalog.ts): `ten-off` ($10 off, 1,000 points)
 * and `sunrise-kayak-tour` (800 points; a session 7 days ahead with 8 seats, one 14 days ahead with
 * 1 seat). casey, riley and quinn start with 5,000 points each (plus the sign-in welcome bonus). Sign-in allows one email per address
 * per minute, so each person signs in once: casey's tests share one signed-in context.
 */

const KAYAK = "/rewards/sunrise-kayak-tour";

async function signedIn(browser: Browser, testInfo: TestInfo, email: string, path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const page = await context.newPage();
  await signInViaMailbox(page, email, path);
  return { context, page };
}

const sessions = (page: Page) => page.getByRole("list", { name: "Sessions" }).getByRole("listitem");

async function expectTicket(page: Page) {
  await page.waitForURL(/\/redemptions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your ticket: Sunrise kayak tour" })).toBeVisible();
  const code = (await page.getByTestId("ticket-code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  const qr = page.getByRole("img", { name: `QR code for ticket ${code}` });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((el) => el.tagName.toLowerCase())).toBe("svg");
  return code;
}

test.describe.serial("rewards: casey", () => {
  let casey: { context: BrowserContext; page: Page };

  test.beforeAll(async ({ browser }, testInfo) => {
    testInfo.setTimeout(60_000);
    casey = await signedIn(browser, testInfo, "casey@cairn.test", "/rewards");
  });
  test.afterAll(async () => {
    await casey?.context.close();
  });

  test("a member redeems the $10 discount and sees the code at once and in their redemptions", async () => {
    const { page } = casey;
    await expect(page.getByRole("heading", { level: 1, name: "Rewards" })).toBeVisible();
    // 5,000 demo points, plus the welcome bonus the first sign-in awards
    await expect(page.getByText(/^You have [\d,]+ points to spend\.$/)).toBeVisible();
    await page.getByRole("link", { name: "$10 off your next order" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "$10 off your next order" })).toBeVisible();
    await expect(page.getByText(/^You have [\d,]+ points$/)).toBeVisible();

    await page.getByRole("button", { name: "Redeem for 1,000 points" }).click();
    await expect(page.getByText("Redeemed! Here's your code")).toBeVisible();
    const code = (await page.getByTestId("reward-code").textContent())?.trim() ?? "";
    expect(code).toMatch(/^CAIRN-[2-9A-Z]{10}$/);
    await expect(page.getByRole("button", { name: "Copy code" })).toBeVisible();

    await page.goto("/redemptions");
    const row = page.getByRole("list", { name: "Redemptions" }).getByRole("listitem").filter({ hasText: "$10 off your next order" });
    await expect(row.getByTestId("reward-code")).toHaveText(code);
    await expect(row.getByText("Code ready")).toBeVisible();
  });

  test("a member redeems again on purpose (the re-rendered form has a new key); a form sent twice without JavaScript redeems once", async ({ browser }, testInfo) => {
    const { page } = casey;
    const requestKey = page.locator('input[type="hidden"][name="requestKey"]');
    const redeemButton = (p: Page) => p.getByRole("button", { name: "Redeem for 1,000 points" });
    const pointsOf = async (p: Page) => Number(((await p.getByText(/^You have [\d,]+ points$/).textContent()) ?? "").replace(/\D/g, ""));
    const tenOffs = async (p: Page) => {
      await p.goto("/redemptions");
      return p.getByRole("list", { name: "Redemptions" }).getByRole("listitem").filter({ hasText: "$10 off your next order" }).count();
    };

    const before = await tenOffs(page);
    await page.goto("/rewards/ten-off");
    const points = await pointsOf(page);
    const firstKey = await requestKey.inputValue();
    await redeemButton(page).click();
    await expect(page.getByText("Redeemed! Here's your code")).toBeVisible();
    const firstCode = (await page.getByTestId("reward-code").textContent())?.trim();
    // The action revalidated the page: the form under the success message now carries a new key.
    await expect(requestKey).not.toHaveValue(firstKey);
    await redeemButton(page).click();
    await expect(page.getByTestId("reward-code")).not.toHaveText(firstCode!);
    await expect(page.getByText(/^You have [\d,]+ points$/)).toHaveText(`You have ${(points - 2000).toLocaleString("en-US")} points`);
    expect(await tenOffs(page)).toBe(before + 2);

    // Without JavaScript the form is a plain POST; the browser resends it (a double click, a reload).
    const plain = await browser.newContext({ baseURL: testInfo.project.use.baseURL, javaScriptEnabled: false, storageState: await casey.context.storageState() });
    try {
      const noScript = await plain.newPage();
      await noScript.goto("/rewards/ten-off");
      const start = await pointsOf(noScript);
      const [sent] = await Promise.all([noScript.waitForRequest((r) => r.method() === "POST"), redeemButton(noScript).click()]);
      await expect(noScript.getByText("Redeemed! Here's your code")).toBeVisible();
      const code = (await noScript.getByTestId("reward-code").textContent())?.trim();
      const resent = await noScript.request.fetch(sent);
      expect(resent.status()).toBe(200);
      // The same answer as the first time: the same code, not a second one.
      expect(await resent.text()).toContain(code!);
      await noScript.goto("/rewards/ten-off");
      expect(await pointsOf(noScript)).toBe(start - 1000);
      expect(await tenOffs(noScript)).toBe(before + 3);
    } finally {
      await plain.close();
    }
  });

  test("a member books the kayak tour's first session and sees a ticket with a QR code", async () => {
    const { page } = casey;
    await page.goto(KAYAK);
    const first = sessions(page).first();
    await expect(first).toContainText("8 of 8 seats left");
    await expect(first).toContainText("North beach boathouse");
    await first.getByRole("button", { name: "Book" }).click();
    const code = await expectTicket(page);
    await expect(page.getByRole("button", { name: "Cancel booking" })).toBeVisible();

    await page.goto(KAYAK);
    await expect(sessions(page).first()).toContainText("7 of 8 seats left");
    await expect(sessions(page).first().getByRole("link", { name: "See your ticket" })).toBeVisible();
    await page.goto("/redemptions");
    await expect(page.getByRole("link", { name: `Show ticket ${code}` })).toBeVisible();
  });
});

test("waitlist: a cancelled seat is offered to the first waiting member, who accepts it", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const riley = await signedIn(browser, testInfo, "riley@cairn.test", KAYAK);
  const quinn = await signedIn(browser, testInfo, "quinn@cairn.test", KAYAK);
  try {
    // riley takes the only seat of the second session
    const rileySession = sessions(riley.page).nth(1);
    await expect(rileySession).toContainText("1 of 1 seat left");
    await rileySession.getByRole("button", { name: "Book" }).click();
    await expectTicket(riley.page);

    // quinn finds it full and joins the waitlist
    await quinn.page.reload();
    const quinnSession = sessions(quinn.page).nth(1);
    await expect(quinnSession).toContainText("Full (1 seat)");
    await quinnSession.getByRole("button", { name: "Join the waitlist" }).click();
    await expect(quinnSession.getByText("You're number 1 on the waitlist.")).toBeVisible();

    // riley cancels: the points come back, and the seat is held for quinn
    await riley.page.getByRole("button", { name: "Cancel booking" }).click();
    await expect(riley.page.getByText("Cancelled — points returned")).toBeVisible();

    await quinn.page.goto(`/dev/mailbox?to=${encodeURIComponent("quinn@cairn.test")}`);
    await quinn.page.getByRole("list", { name: "Messages" }).getByRole("link", { name: /A seat opened up: Sunrise kayak tour/ }).click();
    await quinn.page.getByRole("link", { name: "Accept your seat" }).click();
    await quinn.page.waitForURL((url) => url.pathname === KAYAK);
    const offered = sessions(quinn.page).nth(1);
    await expect(offered.getByText("A seat is held for you")).toBeVisible();
    await offered.getByRole("button", { name: "Accept the seat" }).click();
    await expectTicket(quinn.page);

    await quinn.page.goto(`/dev/mailbox?to=${encodeURIComponent("quinn@cairn.test")}`);
    await expect(quinn.page.getByText("You're booked: Sunrise kayak tour")).toBeVisible();
  } finally {
    await riley.context.close();
    await quinn.context.close();
  }
});

test("an admin checks a ticket in at the door, once", async ({ browser }, testInfo) => {
  // sam books today's trail run (seeded to start 3 hours after the server started)
  const sam = await signedIn(browser, testInfo, "sam@cairn.test", "/rewards/evening-trail-run");
  await sessions(sam.page).first().getByRole("button", { name: "Book" }).click();
  await expect(sam.page.getByRole("heading", { level: 1, name: "Your ticket: Evening trail run" })).toBeVisible();
  const code = (await sam.page.getByTestId("ticket-code").innerText()).trim();
  await sam.context.close();

  // ops@ rather than admin@: the auth spec signs admin@ in less than a minute earlier (1 email per address per minute)
  const admin = await signedIn(browser, testInfo, "ops@cairn.test", "/admin/check-in");
  await admin.page.getByLabel("Ticket code").fill(code.toLowerCase());
  await admin.page.getByRole("button", { name: "Check in" }).click();
  await expect(admin.page.getByText("Checked in", { exact: true })).toBeVisible();
  await admin.page.getByLabel("Ticket code").fill(code);
  await admin.page.getByRole("button", { name: "Check in" }).click();
  await expect(admin.page.getByText(/^Already checked in at/)).toBeVisible();
  await admin.context.close();
});
