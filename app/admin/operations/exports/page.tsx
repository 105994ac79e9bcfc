import type { Metadata } from "next";
import { BackLink } from "@/components/admin/back-link";
import { DateRangeForm } from "@/components/admin/date-range-form";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDate } from "@/lib/format";
import { listExports } from "@/lib/operations/exports";
import { parseDateRange } from "@/lib/reports/date-range";

export const metadata: Metadata = { title: "Exports · Operations" };

const PATH = "/admin/operations/exports";

export default async function ExportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin(PATH);
  const dates = parseDateRange(await searchParams);
  const { range } = dates;
  const query = new URLSearchParams({ from: range.fromDay, to: range.toDay }).toString();
  const lastDay = new Date(range.toExclusive.getTime() - 1);

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink href="/admin/operations" label="Operations" />
      <PageHeader
        className="mt-2"
        title="Exports"
        description="CSV files for spreadsheets and accounting: UTF-8, one header row, amounts in cents and points as whole numbers, times in UTC. Large files stream as they are read."
      />
      <div className="mt-6">
        <DateRangeForm result={dates} action={PATH} />
        <p className="mt-2 text-sm text-neutral-600">
          Dated exports cover {formatDate(range.from)} to {formatDate(lastDay)}, both days included.
        </p>
      </div>
      <ul className="mt-6 grid gap-4 md:grid-cols-2" aria-label="Exports">
        {listExports().map((item) => (
          <li key={item.kind}>
            <Card className="flex h-full flex-col">
              <CardHeader>
                <CardTitle>{item.title}</CardTitle>
                <CardDescription>{item.description}</CardDescription>
              </CardHeader>
              <CardContent className="flex-1 pt-3 sm:pt-3">
                <p className="text-sm text-neutral-600">{item.dateField ? `Rows ${item.dateField} in the range above.` : "Everyone, as of now (the date range does not apply)."}</p>
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-neutral-700">Columns</summary>
                  <p className="mt-1 font-mono text-xs break-words text-neutral-600">{item.headers.join(", ")}</p>
                </details>
              </CardContent>
              <CardFooter>
                {/* A plain link: the route answers with a file, not a page. */}
                <a href={item.dateField ? `${PATH}/${item.kind}?${query}` : `${PATH}/${item.kind}`} className={buttonClasses("secondary", "sm")} download>
                  Download CSV<span className="sr-only"> of {item.title.toLowerCase()}</span>
                </a>
              </CardFooter>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
