import { getCurrentUser } from "@/lib/auth/guards";
import { csvResponse } from "@/lib/reports/csv";
import { getSurvey, responsesCsv } from "@/lib/surveys/admin";

/** A survey's answers as a CSV download. Admins only: the route checks for itself (DESIGN invariant 7). */
export async function GET(_request: Request, { params }: RouteContext<"/admin/surveys/[id]/responses.csv">): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return new Response("Please sign in.", { status: 401 });
  if (user.role !== "admin") return new Response("Only admins can download survey answers.", { status: 403 });
  const { id } = await params;
  const survey = await getSurvey(id);
  if (!survey) return new Response("No such survey.", { status: 404 });
  return csvResponse(`survey-${survey.id.slice(0, 8)}-answers`, await responsesCsv(survey.id));
}
