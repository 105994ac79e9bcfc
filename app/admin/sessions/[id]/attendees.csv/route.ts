import { getCurrentUser } from "@/lib/auth/guards";
import { attendeesCsv, getSessionDetail, listAttendees } from "@/lib/rewards/operations";

/** The attendee list as a CSV download. Admins only: the route checks for itself (DESIGN invariant 7). */
export async function GET(_request: Request, { params }: RouteContext<"/admin/sessions/[id]/attendees.csv">): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return new Response("Please sign in.", { status: 401 });
  if (user.role !== "admin") return new Response("Only admins can download attendee lists.", { status: 403 });
  const { id } = await params;
  const detail = await getSessionDetail(id);
  if (!detail) return new Response("No such session.", { status: 404 });
  const day = detail.session.startsAt.toISOString().slice(0, 10);
  const slug = detail.reward.slug.replace(/[^a-z0-9-]/gi, "");
  return new Response(attendeesCsv(await listAttendees(id)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="attendees-${slug}-${day}.csv"`,
      // Personal data: never cached by a shared cache.
      "Cache-Control": "private, no-store",
    },
  });
}
