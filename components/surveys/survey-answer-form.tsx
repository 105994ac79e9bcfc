"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/actions/result";
import { COMMENT_MAX } from "@/lib/surveys/schemas";

type Answered = { invitationId: string; points: number; pending: boolean };
type Action = (state: null, formData: FormData) => Promise<ActionResult<Answered>>;

type Props = {
  action: Action;
  /** Identifies the invitation: { invitationId } in the app, { token } from the email link. */
  hidden: Record<string, string>;
  question: string;
  /** What answering earns now, or null. */
  points: number | null;
  /** Where to go after answering (the dashboard in the app; nothing for a signed-out visitor). */
  doneHref?: string;
};

const SCORES = Array.from({ length: 11 }, (_, i) => i);
const number = new Intl.NumberFormat("en-US");

/**
 * The 0–10 question as a group of radio buttons (one tab stop, arrow keys move, the legend is the
 * question) and an optional comment. Used by the in-app page and the email link's page.
 */
export function SurveyAnswerForm({ action, hidden, question, points, doneHref }: Props) {
  // Keeps the score and comment typed when an answer is refused (React resets the form after an action).
  const { formAction, failure, saved, typed } = useFormAction(action);
  if (saved) {
    const earned = saved.points;
    return (
      <Alert tone="success" title="Thank you for answering">
        <p>
          {earned > 0
            ? saved.pending
              ? `${number.format(earned)} points are on their way to your account.`
              : `${number.format(earned)} points are in your account.`
            : "We read every answer."}
        </p>
        {doneHref ? (
          <p className="mt-2">
            <Link href={doneHref}>Back to your dashboard</Link>
          </p>
        ) : null}
      </Alert>
    );
  }
  const errors = failure?.fieldErrors ?? {};
  const scoreError = errors.score?.[0];
  return (
    <form action={formAction} className="space-y-6" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {failure && failure.code !== "invalid_input" ? <Alert tone="error">{failure.error}</Alert> : null}

      <fieldset aria-describedby={`score-scale${scoreError ? " score-error" : ""}`}>
        <legend className="text-lg font-semibold text-balance text-neutral-900">{question}</legend>
        <p id="score-scale" className="mt-1 text-sm text-neutral-600">
          0 means not at all likely, 10 extremely likely.
        </p>
        <div className="mt-3 grid grid-cols-6 gap-2 sm:grid-cols-11">
          {SCORES.map((score) => (
            <label
              key={score}
              className="relative flex min-h-11 cursor-pointer items-center justify-center rounded-lg border border-neutral-300 bg-white text-base font-semibold text-neutral-900 tabular-nums hover:border-brand-600 has-checked:border-brand-700 has-checked:bg-brand-700 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600"
            >
              <input type="radio" name="score" value={score} defaultChecked={typed?.score === String(score)} required className="sr-only" />
              {score}
            </label>
          ))}
        </div>
        <div aria-hidden="true" className="mt-1 hidden justify-between text-xs text-neutral-600 sm:flex">
          <span>Not at all likely</span>
          <span>Extremely likely</span>
        </div>
        {scoreError ? (
          <p id="score-error" className="mt-2 text-sm font-medium text-danger-700">
            {scoreError}
          </p>
        ) : null}
      </fieldset>

      <Field label="Anything you'd like to tell us? (optional)" name="comment" hint={`Up to ${number.format(COMMENT_MAX)} characters.`} error={errors.comment?.[0]}>
        <Textarea rows={4} maxLength={COMMENT_MAX} defaultValue={typed?.comment ?? ""} />
      </Field>

      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel="Sending…">Send my answer</SubmitButton>
        {points ? <span className="text-sm text-neutral-600">Earns {number.format(points)} points, once.</span> : null}
      </div>
    </form>
  );
}
