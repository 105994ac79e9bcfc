import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { formatRate, periodLabel, ReportTable, SectionHeading } from "./report-table";

describe("periodLabel", () => {
  it.each([
    ["2024-03-01", "2024-04-01", "Mar 2024"],
    ["2024-12-01", "2025-01-01", "Dec 2024"],
    ["2024-02-10", "2024-03-01", "Feb 10–29, 2024"],
    ["2024-03-01", "2024-03-05", "Mar 1–4, 2024"],
    ["2024-03-04", "2024-03-05", "Mar 4, 2024"],
  ])("%s to %s (exclusive) reads %s", (start, endExclusive, label) => {
    expect(periodLabel({ start, endExclusive })).toBe(label);
  });
});

describe("report pieces", () => {
  it("formats a missing rate as a dash", () => {
    expect(formatRate(null)).toBe("—");
    expect(formatRate(400 / 1850)).toBe("21.6%");
  });

  it("names the scrolling region by the table's caption and keeps the CSV link's purpose for screen readers", () => {
    const table = renderToStaticMarkup(
      <ReportTable id="t" caption="Liability">
        <tbody />
      </ReportTable>,
    );
    expect(table).toContain('role="region" aria-labelledby="t-caption" tabindex="0"');
    expect(table).toContain('<caption id="t-caption" class="sr-only">Liability</caption>');
    const heading = renderToStaticMarkup(<SectionHeading id="h" title="Breakage" csvHref="/admin/accounting/breakage.csv?from=a" csvLabel="breakage history" />);
    expect(heading).toContain('href="/admin/accounting/breakage.csv?from=a" download=""');
    expect(heading).toContain('Download CSV<span class="sr-only"> of the breakage history</span>');
  });
});
