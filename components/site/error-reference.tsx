/**
 * The reference a user can quote for a server error. Server errors reach the browser without their
 * message; `digest` is the id that matches the server log. Renders nothing when there is none.
 */
export function ErrorReference({ error }: { error: unknown }) {
  const digest =
    typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : undefined;
  if (!digest) return null;
  return (
    <p className="mt-4 text-sm text-neutral-600">
      If it keeps happening, quote this reference when you contact us:{" "}
      <code className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono break-all text-neutral-900 select-all">{digest}</code>
    </p>
  );
}
