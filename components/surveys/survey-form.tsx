"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Input, controlClasses } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { useFormAction } from "@/components/ui/use-form-action";
import type { Survey } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/result";
import { DELAY_DAYS_MAX, NAME_MAX, QUESTION_MAX, SURVEY_TRIGGERS, TRIGGER_HINTS, TRIGGER_LABELS, type SurveyTrigger } from "@/lib/surveys/schemas";

type Saved = { id: string; changed?: string[] };
type Action = (state: null, formData: FormData) => Promise<ActionResult<Saved>>;

type Props = {
  /** Absent for a new survey. */
  survey?: Survey;
  /** Members invited so far: once there are any, the trigger is fixed. */
  invited?: number;
  action: Action;
};

const FIELD_LABELS: Record<string, string> = { name: "name", question: "question", trigger: "trigger", delayDays: "delay", active: "on/off" };

/** Create or edit a survey; one schema (lib/surveys/schemas.ts) for the form, the action and the tests. */
export function SurveyForm({ survey, invited = 0, action }: Props) {
  const router = useRouter();
  const editing = !!survey;
  const { formAction, failure, saved, typed } = useFormAction(action);
  useEffect(() => {
    // A new survey continues on its own page (responses, edits).
    if (!editing && saved) router.push(`/admin/surveys/${saved.id}?created=1`);
  }, [editing, saved, router]);

  const text = (field: keyof Survey & string, fallback = "") => typed?.[field] ?? (survey ? String(survey[field]) : fallback);
  const errorOf = (field: string) => failure?.fieldErrors?.[field]?.[0];
  const active = typed ? typed.active === "on" : (survey?.active ?? false);
  const [trigger, setTrigger] = useState<SurveyTrigger>((text("trigger", "after_joining") as SurveyTrigger) ?? "after_joining");
  const triggerLocked = editing && invited > 0;

  return (
    <form action={formAction} className="space-y-6" noValidate>
      {survey ? <input type="hidden" name="id" value={survey.id} /> : null}
      {failure ? (
        <Alert tone="error" title="Nothing was saved">
          {failure.error}
        </Alert>
      ) : null}
      {editing && saved ? (
        <Alert tone="success" title={saved.changed?.length ? "Survey saved" : "Nothing to save"}>
          {saved.changed?.length
            ? `Changed: ${saved.changed.map((f) => FIELD_LABELS[f] ?? f).join(", ")}. The change is in the audit log.`
            : "The form matched the saved survey, so no change was recorded."}
        </Alert>
      ) : null}

      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Name" name="name" hint="For admins; members see the question." error={errorOf("name")}>
          <Input defaultValue={text("name")} maxLength={NAME_MAX} required />
        </Field>
        <Field
          label="Sent"
          name="trigger"
          hint={triggerLocked ? "Fixed: members have already been invited. Create a new survey to ask at another moment." : TRIGGER_HINTS[trigger]}
          error={errorOf("trigger")}
        >
          {(control) =>
            triggerLocked ? (
              <>
                <input type="hidden" name="trigger" value={trigger} />
                <select {...control} name="trigger-display" value={trigger} disabled className={cn(controlClasses, "h-11 sm:h-10")}>
                  <option value={trigger}>{TRIGGER_LABELS[trigger]}</option>
                </select>
              </>
            ) : (
              <select {...control} value={trigger} onChange={(e) => setTrigger(e.target.value as SurveyTrigger)} className={cn(controlClasses, "h-11 sm:h-10")}>
                {SURVEY_TRIGGERS.map((t) => (
                  <option key={t} value={t}>
                    {TRIGGER_LABELS[t]}
                  </option>
                ))}
              </select>
            )
          }
        </Field>
      </div>

      <Field label="Question (answered from 0 to 10)" name="question" hint="e.g. “How likely are you to recommend us to a friend?”" error={errorOf("question")}>
        <Textarea rows={2} maxLength={QUESTION_MAX} defaultValue={text("question")} required />
      </Field>

      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Delay (days)" name="delayDays" hint={`0–${DELAY_DAYS_MAX}. The daily job sends it this many days after the moment above.`} error={errorOf("delayDays")}>
          <Input type="number" inputMode="numeric" min={0} max={DELAY_DAYS_MAX} step={1} defaultValue={text("delayDays", "7")} required />
        </Field>
        <div className="space-y-1.5">
          <label className="inline-flex min-h-11 items-center gap-2 text-sm font-medium text-neutral-900 sm:mt-6">
            <input type="checkbox" name="active" defaultChecked={active} aria-describedby="survey-active-hint" className="size-4 accent-brand-700" />
            Active: send it to members
          </label>
          <p id="survey-active-hint" className="text-sm text-neutral-600">
            Switched off, nobody new is invited; answers to invitations already sent still count.
          </p>
        </div>
      </div>

      <Field
        label={editing ? "Reason for the change" : "Reason (optional)"}
        name="reason"
        hint={editing ? "Required; kept in the audit log." : "Kept in the audit log."}
        error={errorOf("reason")}
      >
        <Textarea rows={2} maxLength={500} defaultValue={typed?.reason ?? ""} required={editing} />
      </Field>

      <SubmitButton pendingLabel="Saving…">{editing ? "Save survey" : "Create survey"}</SubmitButton>
    </form>
  );
}
