import { getCurrentUser } from "@/lib/auth/guards";
import { exportCsv, exportUsesDateRange, isExportKind } from "@/lib/operations/exports";
import { csvResponse } from "@/lib/reports/csv";
import { parseDateRange } from "@/lib/reports/date-range";

/**
 * A CSV export (members, orders, postings, redemptions), streamed in batches. Admins only: the
 * route checks for itself (DESIGN invariant 7) before it reads anything.
 */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return new Response("Please sign in.", { status: 401 });
  if (user.role !== "admin") return new Response("Only admins can download exports.", { status: 403 });
  const { kind } = await params;
  if (!isExportKind(kind)) return new Response("No such export.", { status: 404 });
  if (!exportUsesDateRange(kind)) return csvResponse(kind, exportCsv(kind, null));
  const parsed = parseDateRange(new URL(request.url).searchParams);
  if (!parsed.ok) {
    const messages = [...parsed.fieldErrors.from, ...parsed.fieldErrors.to];
    return new Response(`That date range can't be used: ${messages.join(" ")}`, { status: 400 });
  }
  return csvResponse(`${kind}-${parsed.range.fromDay}-to-${parsed.range.toDay}`, exportCsv(kind, parsed.range));
}
