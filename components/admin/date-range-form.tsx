import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { buttonClasses } from "@/components/ui/button";
import type { DateRangeResult } from "@/lib/reports/date-range";

/**
 * The report date picker: a plain GET form (works without JavaScript, the URL is shareable), with
 * the field errors of lib/reports/date-range next to the dates. On an error the page shows the
 * default range's figures and says so.
 */
export function DateRangeForm({ result, action, extra }: { result: DateRangeResult; action: string; extra?: Record<string, string> }) {
  const errors = result.ok ? null : result.fieldErrors;
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3" aria-label="Date range">
      {Object.entries(extra ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Field label="From" name="from" error={errors?.from[0]}>
        <Input type="date" defaultValue={result.range.fromDay} className="h-11 sm:h-10" />
      </Field>
      <Field label="To" name="to" error={errors?.to[0]}>
        <Input type="date" defaultValue={result.range.toDay} className="h-11 sm:h-10" />
      </Field>
      <button type="submit" className={buttonClasses("secondary")}>
        Apply
      </button>
      {errors ? (
        <p role="alert" className="basis-full text-sm text-danger-700">
          That range can’t be used; showing the last 12 months instead.
        </p>
      ) : null}
    </form>
  );
}
