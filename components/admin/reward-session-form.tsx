"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Input, controlClasses } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { ExperienceSession } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/result";
import { MODE_LABELS, SESSION_MODES, dateToWallTime } from "@/lib/rewards/schemas";

type Saved = { id: string; rewardId: string; changed?: string[] };
type Action = (state: null, formData: FormData) => Promise<ActionResult<Saved>>;

type Props = {
  rewardId: string;
  /** Absent for a new session. */
  session?: ExperienceSession;
  /** IANA names offered in the time zone field (the server's list, so server and browser render the same). */
  timeZones: string[];
  defaultTimeZone: string;
  action: Action;
};

const selectClasses = cn(controlClasses, "h-11 sm:h-10");

function storedValues(session: ExperienceSession): Record<string, string> {
  const tz = session.timeZone;
  return {
    startsAt: dateToWallTime(session.startsAt, tz),
    endsAt: dateToWallTime(session.endsAt, tz),
    timeZone: tz,
    location: session.location ?? "",
    onlineUrl: session.onlineUrl ?? "",
    capacity: String(session.capacity),
    perMemberLimit: String(session.perMemberLimit),
    cutoffHours: String(session.cutoffHours),
    pointsCost: session.pointsCost === null ? "" : String(session.pointsCost),
    mode: session.mode,
    drawOpensAt: dateToWallTime(session.drawOpensAt, tz),
    drawClosesAt: dateToWallTime(session.drawClosesAt, tz),
  };
}

/** Create or edit one session of an experience. Times are typed on the session's own wall clock. */
export function RewardSessionForm({ rewardId, session, timeZones, defaultTimeZone, action }: Props) {
  const editing = !!session;
  const { formAction, failure, saved, typed } = useFormAction(action);
  const stored = session ? storedValues(session) : null;
  const text = (field: string, fallback = "") => typed?.[field] ?? stored?.[field] ?? fallback;
  const errorOf = (field: string) => failure?.fieldErrors?.[field]?.[0];
  const [mode, setMode] = useState(text("mode", "first_come"));
  const listId = `time-zones-${session?.id ?? "new"}`;

  return (
    // A new session's form starts empty again after each save (React resets uncontrolled fields).
    <form action={formAction} className="space-y-6" noValidate>
      <input type="hidden" name="rewardId" value={rewardId} />
      {session ? <input type="hidden" name="id" value={session.id} /> : null}

      {failure ? (
        <Alert tone="error" title="Nothing was saved">
          {failure.error}
        </Alert>
      ) : null}
      {saved ? (
        <Alert tone="success" title={editing ? (saved.changed?.length ? "Session saved" : "Nothing to save") : "Session added"}>
          {editing ? (saved.changed?.length ? `Changed: ${saved.changed.join(", ")}.` : "The form matched the saved session.") : "It is listed with the other sessions."}
        </Alert>
      ) : null}

      <div className="grid gap-5 sm:grid-cols-3">
        <Field label="Starts" name="startsAt" error={errorOf("startsAt")}>
          <Input type="datetime-local" defaultValue={text("startsAt")} required />
        </Field>
        <Field label="Ends" name="endsAt" error={errorOf("endsAt")} hint="After the start.">
          <Input type="datetime-local" defaultValue={text("endsAt")} required />
        </Field>
        <Field label="Time zone" name="timeZone" error={errorOf("timeZone")} hint="Where the session happens, e.g. Europe/London.">
          <Input defaultValue={text("timeZone", defaultTimeZone)} list={listId} autoComplete="off" spellCheck={false} required />
        </Field>
      </div>
      <datalist id={listId}>
        {timeZones.map((tz) => (
          <option key={tz} value={tz} />
        ))}
      </datalist>

      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Location" name="location" error={errorOf("location")} hint="A place, an online link, or both.">
          <Input defaultValue={text("location")} maxLength={200} />
        </Field>
        <Field label="Online link" name="onlineUrl" error={errorOf("onlineUrl")} hint="An https:// address, sent with the ticket.">
          <Input type="url" inputMode="url" defaultValue={text("onlineUrl")} placeholder="https://" autoComplete="off" />
        </Field>
      </div>

      <div className="grid gap-5 sm:grid-cols-4">
        <Field label="Capacity (seats)" name="capacity" error={errorOf("capacity")} hint={session?.booked ? `${session.booked} booked so far.` : "At least 1."}>
          <Input type="number" min={Math.max(1, session?.booked ?? 0)} step={1} inputMode="numeric" defaultValue={text("capacity")} required />
        </Field>
        <Field label="Seats per member" name="perMemberLimit" error={errorOf("perMemberLimit")}>
          <Input type="number" min={1} step={1} inputMode="numeric" defaultValue={text("perMemberLimit", "1")} />
        </Field>
        <Field label="Booking cut-off (hours)" name="cutoffHours" error={errorOf("cutoffHours")} hint="Before the start.">
          <Input type="number" min={0} step={1} inputMode="numeric" defaultValue={text("cutoffHours", "24")} />
        </Field>
        <Field label="Points cost" name="pointsCost" error={errorOf("pointsCost")} hint="Empty: the reward's cost.">
          <Input type="number" min={1} step={1} inputMode="numeric" defaultValue={text("pointsCost")} />
        </Field>
      </div>

      <div className="grid gap-5 sm:grid-cols-3">
        <Field label="How seats are given" name="mode" error={errorOf("mode")}>
          <select value={mode} onChange={(e) => setMode(e.target.value)} className={selectClasses}>
            {SESSION_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </Field>
        {mode === "draw" ? (
          <>
            <Field label="Draw entries open" name="drawOpensAt" error={errorOf("drawOpensAt")}>
              <Input type="datetime-local" defaultValue={text("drawOpensAt")} />
            </Field>
            <Field label="Draw entries close" name="drawClosesAt" error={errorOf("drawClosesAt")} hint="After they open, before the session starts.">
              <Input type="datetime-local" defaultValue={text("drawClosesAt")} />
            </Field>
          </>
        ) : null}
      </div>

      <Field
        label={editing ? "Reason for the change" : "Note for the audit log (optional)"}
        name="reason"
        error={errorOf("reason")}
        hint={editing ? "Required. Kept in the audit log with your name and the before and after values." : undefined}
      >
        <Textarea defaultValue={typed?.reason ?? ""} rows={2} maxLength={500} required={editing} />
      </Field>

      <SubmitButton pendingLabel="Saving…" className="w-full sm:w-auto">
        {editing ? "Save session" : "Add session"}
      </SubmitButton>
    </form>
  );
}
