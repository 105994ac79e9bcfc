"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatRate } from "./format";
import { formatNps } from "@/lib/surveys/nps-score";

export type ChartPoint = { label: string } & Record<string, string | number | null>;
export type ChartSeries = { key: string; name: string; color: string };
export type ChartValue = "count" | "rate" | "nps";

const FORMAT: Record<ChartValue, (value: number) => string> = { count: formatCount, rate: formatRate, nps: formatNps };

/**
 * A bar or line chart of a series over weeks or months. It is drawn for the eye only (aria-hidden,
 * no keyboard layer): the same numbers are in the table beside it, which is what assistive
 * technology reads.
 */
export function SeriesChart({ type, data, series, value, title }: { type: "bar" | "line"; data: ChartPoint[]; series: ChartSeries[]; value: ChartValue; title: string }) {
  const format = FORMAT[value];
  const common = { data, responsive: true, accessibilityLayer: false, style: { width: "100%", height: 240 }, margin: { top: 8, right: 8, bottom: 0, left: 0 } } as const;
  const axes = (
    <>
      <CartesianGrid stroke="var(--color-neutral-200)" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 12, fill: "var(--color-neutral-600)" }} tickLine={false} minTickGap={12} />
      <YAxis tickFormatter={(v: number) => format(v)} tick={{ fontSize: 12, fill: "var(--color-neutral-600)" }} width={56} allowDecimals={value !== "count"} domain={value === "nps" ? [-100, 100] : undefined} />
      <Tooltip formatter={(v) => (typeof v === "number" ? format(v) : "—")} />
      {series.length > 1 ? <Legend /> : null}
    </>
  );
  return (
    <figure className="rounded-lg border border-neutral-200 bg-white p-3">
      <figcaption className="mb-2 text-sm font-medium text-neutral-700">
        {title}
        <span className="sr-only"> (chart; the numbers are in the table that follows)</span>
      </figcaption>
      <div aria-hidden="true">
        {type === "bar" ? (
          <BarChart {...common}>
            {axes}
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        ) : (
          <LineChart {...common}>
            {axes}
            {series.map((s) => (
              <Line key={s.key} dataKey={s.key} name={s.name} stroke={s.color} strokeWidth={2} dot connectNulls={false} isAnimationActive={false} />
            ))}
          </LineChart>
        )}
      </div>
    </figure>
  );
}
