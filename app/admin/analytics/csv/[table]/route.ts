import { analyticsCsv } from "@/lib/analytics/csv";
import { isTableId } from "@/lib/analytics/tables";
import { getCurrentUser } from "@/lib/auth/guards";
import { csvResponse } from "@/lib/reports/csv";
import { parseDateRange } from "@/lib/reports/date-range";

/**
 * One analytics table as CSV (?from=YYYY-MM-DD&to=YYYY-MM-DD, as the page). Admins only: the route
 * checks for itself (DESIGN invariant 7) — a visitor is sent to sign in and back, a member gets 403.
 * A range the page would refuse is a 400 with the same words.
 */
export async function GET(request: Request, { params }: { params: Promise<{ table: string }> }): Promise<Response> {
  const url = new URL(request.url);
  const user = await getCurrentUser();
  if (!user) return Response.redirect(new URL(`/sign-in?${new URLSearchParams({ callbackUrl: `${url.pathname}${url.search}` })}`, url), 307);
  if (user.role !== "admin") return new Response("Only admins can download analytics.", { status: 403 });
  const { table } = await params;
  if (!isTableId(table)) return new Response("There is no analytics table by that name.", { status: 404 });
  const parsed = parseDateRange(url.searchParams);
  if (!parsed.ok) {
    const errors = [...parsed.fieldErrors.from.map((e) => `from: ${e}`), ...parsed.fieldErrors.to.map((e) => `to: ${e}`)];
    return new Response(`${errors.join("\n")}\n`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const { range } = parsed;
  return csvResponse(`analytics-${table}-${range.fromDay}-to-${range.toDay}`, await analyticsCsv(table, range));
}
