import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { CatalogItem, SessionView } from "@/lib/rewards/catalog";
import { catalogHref } from "./catalog-filters";
import { RedeemForm } from "./redeem-form";
import { redemptionStatusWords } from "./redemption-status";
import { RewardCard } from "./reward-card";
import { SessionList, type SessionActions } from "./session-list";
import { TicketQr } from "./ticket-qr";

const noop = (async () => ({ ok: true, data: null })) as unknown;
const actions = { book: noop, join: noop, leave: noop, accept: noop } as SessionActions;

const session = (over: Partial<SessionView> = {}): SessionView => ({
  id: "11111111-1111-4111-8111-111111111111",
  mode: "first_come",
  when: "Sun, Nov 29, 2026, 6:00 – 9:00 AM UTC",
  place: "North beach boathouse",
  onlineUrl: null,
  capacity: 8,
  seatsLeft: 8,
  cost: 800,
  closesAt: new Date("2026-11-28T06:00:00Z"),
  closed: false,
  drawClosesAt: null,
  drawOpen: false,
  mine: { booking: null, waitlist: null, drawEntered: false },
  ...over,
});

const render = (sessions: SessionView[], member = true) =>
  renderToStaticMarkup(<SessionList rewardId="r1" sessions={sessions} member={member} signInHref="/sign-in" lock={null} actions={actions} requestKeys={{ [session().id]: "k-1" }} />);

describe("SessionList", () => {
  it("offers Book, the waitlist when full, the held seat, and says when booking closed", () => {
    expect(render([session()])).toMatch(/8 of 8 seats left[\s\S]*>Book</);
    // The Book form carries its session's request key, so sending it twice books once.
    expect(render([session()])).toContain('name="requestKey" value="k-1"');
    const full = render([session({ seatsLeft: 0 })]);
    expect(full).toContain("Full (8 seats)");
    expect(full).toContain("Join the waitlist");
    const waiting = render([session({ seatsLeft: 0, mine: { booking: null, drawEntered: false, waitlist: { entryId: 7, status: "waiting", position: 3, offerExpiresAt: null, offerLive: false } } })]);
    expect(waiting).toContain("You&#x27;re number 3 on the waitlist.");
    expect(waiting).toContain("Leave the waitlist");
    const offered = render([session({ seatsLeft: 0, mine: { booking: null, drawEntered: false, waitlist: { entryId: 7, status: "offered", position: 1, offerExpiresAt: new Date("2026-11-23T17:00:00Z"), offerLive: true } } })]);
    expect(offered).toContain("Accept the seat");
    expect(offered).toContain("Nov 23, 2026, 5:00 PM UTC");
    expect(render([session({ closed: true })])).toContain("Booking closed");
    expect(render([session()], false)).toContain("Sign in to book");
    // The button is announced with its session's date.
    expect(render([session()])).toMatch(/aria-describedby="session-11111111-1111-4111-8111-111111111111-when"/);
  });
});

describe("RewardCard", () => {
  const item: CatalogItem = { id: "r", slug: "lantern", title: "Summit lantern", kind: "product", category: null, imageSrc: null, cost: 4000, costFrom: false, lock: null, earlyAccess: false, points: { have: 2800, short: 1200 } };
  it("says what the member needs, or why it is locked and how to unlock it", () => {
    expect(renderToStaticMarkup(<RewardCard item={item} />)).toContain("You need 1,200 more points");
    const locked = renderToStaticMarkup(<RewardCard item={{ ...item, lock: { kind: "paid", text: "For paid members — ", link: { href: "/pricing", label: "see plans" } } }} />);
    expect(locked).toContain("For paid members — ");
    expect(locked).toContain('href="/pricing"');
    expect(locked).not.toContain("You need");
  });
});

describe("RedeemForm", () => {
  it("names the button by its cost and asks a product for a labelled address", () => {
    const html = renderToStaticMarkup(<RedeemForm action={noop as never} rewardId="r1" requestKey="k-2" kind="product" cost={1500} />);
    expect(html).toContain('name="requestKey" value="k-2"');
    expect(html).toContain("Redeem for 1,500 points");
    for (const label of ["Full name", "Address line 1", "Address line 2 (optional)", "Town or city", "Postcode", "Country"]) expect(html).toContain(label);
    expect(html).toMatch(/autoComplete="postal-code"|autocomplete="postal-code"/);
    expect(renderToStaticMarkup(<RedeemForm action={noop as never} rewardId="r1" requestKey="k-3" kind="discount" cost={1000} />)).not.toContain("Full name");
  });
});

describe("TicketQr", () => {
  it("renders an inline SVG with role img and an accessible name", async () => {
    const html = renderToStaticMarkup(await TicketQr({ code: "7KQ2MZ4P" }));
    expect(html).toMatch(/<svg role="img" aria-label="QR code for ticket 7KQ2MZ4P"/);
    expect(html).toContain("<title>QR code for ticket 7KQ2MZ4P</title>");
  });
});

describe("helpers", () => {
  it("words statuses and builds filter links", () => {
    expect(redemptionStatusWords({ status: "pending", kind: "product", trackingNumber: "1Z999", checkedIn: false }).label).toBe("Shipped — tracking number 1Z999");
    expect(redemptionStatusWords({ status: "cancelled", kind: "experience", trackingNumber: null, checkedIn: false }).label).toBe("Cancelled — points returned");
    expect(catalogHref({ kind: "experience", affordable: true, tier: false })).toBe("/rewards?kind=experience&affordable=1");
    expect(catalogHref({})).toBe("/rewards");
  });
});
