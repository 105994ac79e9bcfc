import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TierProgress } from "@/lib/tiers/tiers";
import { ActivityList } from "./activity-list";
import { historyHref } from "./history-filters";
import { HistoryPagination } from "./history-pagination";
import { PointsCard } from "./points-card";
import { TierCard } from "./tier-card";

const silver = { id: "silver", name: "Silver", threshold: 1000, multiplier: 1.25, benefits: [], sortOrder: 1 };
const gold = { id: "gold", name: "Gold", threshold: 5000, multiplier: 1.5, benefits: [], sortOrder: 2 };
const progress: TierProgress = { tier: silver, next: gold, qualifyingValue: 3800, needed: 1200, metric: "points", by: new Date("2027-03-03T00:00:00Z"), downgradeAfter: null };

describe("TierCard", () => {
  it("shows the badge and an accessible progress bar with its text equivalent", () => {
    const html = renderToStaticMarkup(<TierCard progress={progress} />);
    expect(html).toContain("Silver");
    expect(html).toMatch(/role="progressbar"/);
    expect(html).toMatch(/aria-valuenow="3800"/);
    expect(html).toMatch(/aria-valuemin="0"/);
    expect(html).toMatch(/aria-valuemax="5000"/);
    expect(html).toContain('aria-valuetext="3,800 points of 5,000 points"');
    expect(html).toContain("1,200 more points to Gold by Mar 3, 2027");
  });

  it("speaks money for the spend metric, and has no bar at the top tier", () => {
    const spend = renderToStaticMarkup(<TierCard progress={{ ...progress, metric: "spend", qualifyingValue: 38000, needed: 12000, next: { ...gold, threshold: 50000 } }} />);
    expect(spend).toContain("$120.00 more to Gold by Mar 3, 2027");
    const top = renderToStaticMarkup(<TierCard progress={{ ...progress, tier: gold, next: null, needed: 0 }} />);
    expect(top).not.toContain("progressbar");
    expect(top).toContain("top tier");
  });
});

describe("points on the dashboard and in the history", () => {
  it("shows the balance with its value, pending points and what expires soon", () => {
    const html = renderToStaticMarkup(<PointsCard available={1250} pending={300} pointValueCents={1} expiring={{ points: 200, firstDate: new Date("2026-12-01T00:00:00Z") }} />);
    expect(html).toContain("1,250");
    expect(html).toContain("worth $12.50");
    expect(html).toContain("300 points pending ($3.00)");
    expect(html).toContain("200 points</strong> expire in the next 30 days, the first on Dec 1, 2026");
  });

  it("signs points and marks pending lines", () => {
    const html = renderToStaticMarkup(
      <ActivityList
        items={[
          { id: 1, kind: "earn", memo: "Purchase at the store", points: 120, pending: true, availableAt: new Date("2026-12-01T00:00:00Z"), createdAt: new Date("2026-11-20T00:00:00Z") },
          { id: 2, kind: "redeem", memo: "Reward: tote bag", points: -500, pending: false, availableAt: null, createdAt: new Date("2026-11-19T00:00:00Z") },
        ]}
      />,
    );
    expect(html).toContain("+120 points");
    expect(html).toContain("Pending");
    expect(html).toContain("available Dec 1, 2026");
    expect(html).toContain("−500 points");
  });

  it("links filters and pages", () => {
    expect(historyHref("all")).toBe("/points");
    expect(historyHref("spent", 2)).toBe("/points?filter=spent&page=2");
    const html = renderToStaticMarkup(<HistoryPagination filter="earned" page={2} pageCount={3} />);
    expect(html).toContain('href="/points?filter=earned"');
    expect(html).toContain('href="/points?filter=earned&amp;page=3"');
    expect(html).toContain("Page 2 of 3");
    expect(renderToStaticMarkup(<HistoryPagination filter="all" page={1} pageCount={1} />)).toBe("");
  });
});
