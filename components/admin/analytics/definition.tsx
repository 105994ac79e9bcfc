/** A figure's definition, one click away. The summary names the figure for screen readers. */
export function Definition({ figure, children }: { figure: string; children: string }) {
  return (
    <details className="group mt-2 text-sm text-neutral-600">
      <summary className="inline-flex min-h-11 cursor-pointer items-center text-brand-700 underline-offset-2 hover:underline sm:min-h-0">
        How is this calculated?<span className="sr-only"> ({figure})</span>
      </summary>
      <p className="mt-1 max-w-prose text-pretty">{children}</p>
    </details>
  );
}
