import { cn } from "@/components/ui/cn";
import { formatPoints } from "@/lib/format";

/** "+120 points" / "−20 points": the sign carries the meaning, colour only repeats it. */
export function SignedPoints({ points, pending = false, className }: { points: number; pending?: boolean; className?: string }) {
  const sign = points > 0 ? "+" : points < 0 ? "−" : "";
  return (
    <span
      className={cn(
        "font-semibold whitespace-nowrap tabular-nums",
        pending ? "text-neutral-500" : points > 0 ? "text-success-700" : "text-neutral-800",
        className,
      )}
    >
      {sign}
      {formatPoints(Math.abs(points))}
    </span>
  );
}
