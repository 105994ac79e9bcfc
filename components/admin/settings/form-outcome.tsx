import { Alert } from "@/components/ui/alert";

type Failure = { error: string; code: string; fieldErrors?: Record<string, string[]> } | null;

/**
 * The top of every settings form: what went wrong (nothing was saved), or what was saved. Field
 * errors are shown at their fields; a problem without a field (the tiers changed meanwhile, the
 * server failed) is spelt out here.
 */
export function FormOutcome({ failure, saved, shownFields, noun }: { failure: Failure; saved: { changed: string[] } | null; shownFields: string[]; noun: string }) {
  if (failure) {
    const keys = Object.keys(failure.fieldErrors ?? {});
    const elsewhere = keys
      .filter((key) => !shownFields.includes(key))
      .flatMap((key) => failure.fieldErrors![key])
      .filter((message) => message !== failure.error);
    return (
      <Alert tone="error" title="Nothing was saved">
        <p>{failure.error}</p>
        {elsewhere.length ? (
          <ul className="mt-1 list-disc pl-5">
            {elsewhere.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
      </Alert>
    );
  }
  if (!saved) return null;
  return saved.changed.length ? (
    <Alert tone="success" title={`${noun} saved`}>
      The change is in the audit log with your name and reason.
    </Alert>
  ) : (
    <Alert tone="info" title="Nothing to save">
      The form matched the saved settings, so no change was recorded.
    </Alert>
  );
}
