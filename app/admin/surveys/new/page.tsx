import type { Metadata } from "next";
import { BackLink } from "@/components/admin/back-link";
import { SurveyForm } from "@/components/surveys/survey-form";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { createSurveyAction } from "@/lib/surveys/actions";

export const metadata: Metadata = { title: "New survey · Admin" };

export default async function NewSurveyPage() {
  await requireAdmin("/admin/surveys/new");
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10">
      <BackLink href="/admin/surveys" label="All surveys" />
      <PageHeader
        className="mt-2"
        title="New survey"
        description="One question answered from 0 to 10, with an optional comment, sent by email and shown on the member's dashboard. Leave it inactive until the question reads right."
      />
      <Card className="mt-8">
        <CardContent>
          <SurveyForm action={createSurveyAction} />
        </CardContent>
      </Card>
    </div>
  );
}
