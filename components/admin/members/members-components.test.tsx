import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { membershipSummary, timelineLine } from "@/lib/admin/members/display";
import { memberSearchSchema } from "@/lib/admin/members/schemas";
import type { MemberListRow } from "@/lib/admin/members/search";
import type { TimelineItem } from "@/lib/admin/members/timeline";
import { formatDate } from "@/lib/format";
import { AdjustPointsForm } from "./adjust-points-form";
import { GrantCompForm, RevokeCompForm } from "./comp-membership-forms";
import { MemberList } from "./member-list";
import { MemberSearchForm } from "./member-search-form";
import { MemberTimeline } from "./member-timeline";
import { SignInLinkForm } from "./sign-in-link-form";
import { TierFloorForm } from "./tier-floor-form";

const noop = (async () => ({ ok: true, data: null })) as never;
const at = new Date("2026-03-04T10:20:00Z");
const common = (id: string) => ({ id, at, key: `2026-03-04T10:20:00.000000Z~x~${id}` });

const items: TimelineItem[] = [
  { ...common("1"), source: "posting", kind: "adjust", reason: "admin_adjustment", memo: "Adjustment by the Cairn team: Sorry", points: -120, actorEmail: "ops@cairn.test", reasonCode: "correction", note: "Sorry" },
  { ...common("2"), source: "order", externalId: "A-1", totalCents: 4200, refundedCents: 1000, currency: "usd", points: 210 },
  { ...common("3"), source: "membership", planName: "Plus annual", from: null, to: "active", reason: "comp_granted", comp: true },
  { ...common("4"), source: "referral", role: "referee", status: "pending", otherEmail: "ana@example.com", code: "ANA1" },
  { ...common("5"), source: "redemption", rewardTitle: "Canvas tote", status: "fulfilled", points: 1500 },
  { ...common("6"), source: "email", subject: "Your sign-in link", template: "sign-in", status: "outbox" },
  { ...common("7"), source: "tier", from: "bronze", to: "gold", reason: "manual_floor" },
  { ...common("8"), source: "audit", action: "tier.manual_floor_set", actorEmail: null, reason: "Press partner" },
];

describe("timeline lines", () => {
  it("words each source", () => {
    const names: Record<string, string> = { bronze: "Bronze", gold: "Gold" };
    expect(items.map((i) => timelineLine(i, (id) => names[id]))).toEqual([
      { label: "Points adjusted", title: "Adjustment by the Cairn team: Sorry", detail: "Correction of an error · by ops@cairn.test", points: -120 },
      { label: "Order", title: "Order A-1 · $42.00", detail: "210 points earned · $10.00 refunded", points: null },
      { label: "Complimentary membership", title: "Plus annual: Active", detail: "complimentary membership granted", points: null },
      { label: "Referral", title: "Referred by ana@example.com", detail: "Code ANA1 · pending", points: null },
      { label: "Redemption", title: "Canvas tote", detail: "1,500 points · fulfilled", points: null },
      { label: "Email", title: "Your sign-in link", detail: "sign in · in the dev mailbox", points: null },
      { label: "Tier", title: "Bronze → Gold", detail: "admin's tier floor", points: null },
      { label: "Admin change", title: "Tier floor set", detail: "by the system · Press partner", points: null },
    ]);
  });

  it("summarises a membership", () => {
    expect(membershipSummary(null, formatDate)).toBe("Free member");
    expect(membershipSummary({ planName: "Plus monthly", status: "past_due", source: "stripe", currentPeriodEnd: null }, formatDate)).toBe("Plus monthly · Payment failed");
    expect(membershipSummary({ planName: "Lifetime", status: "active", source: "admin_grant", currentPeriodEnd: new Date("2026-12-31T23:59:59.999Z") }, formatDate)).toBe(
      "Lifetime · Complimentary until Dec 31, 2026",
    );
  });
});

describe("members console components", () => {
  it("renders the timeline as an ordered list with signed points and paging links", () => {
    const html = renderToStaticMarkup(<MemberTimeline page={{ items, older: "x" }} tierName={{ gold: "Gold" }} olderHref="/admin/members/u1?before=x#timeline" newestHref={null} />);
    expect(html).toContain('<ol class="divide-y');
    expect(html).toContain("−120 points");
    expect(html).toMatch(/datetime="2026-03-04T10:20:00.000Z"/i);
    expect(html).toContain('href="/admin/members/u1?before=x#timeline"');
    expect(renderToStaticMarkup(<MemberTimeline page={{ items: [], older: null }} tierName={{}} olderHref={null} newestHref={null} />)).toContain("Nothing has happened yet");
  });

  it("lists members with a table for wide screens and cards for phones", () => {
    const row: MemberListRow = {
      profileId: "u1",
      userId: "u1",
      customerId: "c1",
      email: "ana@example.com",
      name: "Ana Smith",
      role: "member",
      joinedAt: at,
      tierId: "gold",
      available: 1250,
      pending: 40,
      membership: { planId: "plus_monthly", planName: "Plus monthly", status: "active", source: "stripe", currentPeriodEnd: null },
    };
    const html = renderToStaticMarkup(<MemberList rows={[row, { ...row, profileId: "c2", userId: null, customerId: "c2", email: "walk@in.test", name: null, membership: null }]} tierName={{ gold: "Gold" }} />);
    expect(html).toContain('<th scope="col"');
    expect(html).toContain('<th scope="row"');
    expect(html).toContain('href="/admin/members/u1"');
    expect(html).toContain("Plus monthly · Active");
    expect(html).toContain("+40 pending");
    expect(html).toContain("Store customer, no account");
  });

  it("renders the search as a GET form with labelled filters and field errors", () => {
    const html = renderToStaticMarkup(
      <MemberSearchForm
        values={memberSearchSchema.parse({ q: "ana", from: "2026-02-01", to: "2026-01-01" })}
        plans={[{ id: "lifetime", name: "Lifetime" }]}
        tiers={[{ id: "gold", name: "Gold" }]}
        joinedErrors={{ from: ["The start date is after the end date."] }}
      />,
    );
    const formTag = html.match(/<form[^>]*>/)![0];
    expect(formTag).toContain('method="get"');
    expect(formTag).toContain('action="/admin/members"');
    expect(html).toContain('role="search"');
    for (const label of ["Search", "Who", "Plan", "Membership status", "Tier", "Joined from", "Joined to"]) expect(html).toContain(`>${label}</label>`);
    expect(html).toContain("The start date is after the end date.");
    expect(html).toContain('value="ana"');
  });

  it("renders the change forms with their hidden keys and labelled fields", () => {
    const adjust = renderToStaticMarkup(<AdjustPointsForm customerId="c1" available={120} programName="Cairn" idempotencyKey="k-1" action={noop} />);
    expect(adjust).toContain('name="idempotencyKey" value="k-1"');
    expect(adjust).toContain("120 points available now");
    expect(adjust).toContain("Adjustment by the Cairn team: your note");
    for (const label of ["Points", "Reason", "Note for the member"]) expect(adjust).toContain(`>${label}</label>`);

    const grant = renderToStaticMarkup(<GrantCompForm userId="u1" plans={[{ id: "lifetime", name: "Lifetime" }]} current={{ planId: "lifetime", lastDay: "2026-12-31" }} action={noop} />);
    expect(grant).toContain("Change complimentary membership");
    expect(grant).toContain('value="2026-12-31"');
    expect(renderToStaticMarkup(<RevokeCompForm membershipId="m1" planName="Lifetime" action={noop} />)).toContain("End complimentary Lifetime now");
    expect(renderToStaticMarkup(<SignInLinkForm userId="u1" email="ana@example.com" action={noop} />)).toContain("Email a sign-in link");
    const floor = renderToStaticMarkup(<TierFloorForm customerId="c1" tiers={[{ id: "gold", name: "Gold" }]} current={{ tierId: "gold", untilDay: "2026-06-01" }} action={noop} />);
    expect(floor).toContain("No floor (clear it)");
    expect(floor).toContain('value="2026-06-01"');
  });
});
