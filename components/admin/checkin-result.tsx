import { cn } from "@/components/ui/cn";
import type { CheckInResult } from "@/lib/rewards/operations";

const tones: Record<CheckInResult["status"], string> = {
  checked_in: "border-success-300 bg-success-50 text-success-900",
  already_checked_in: "border-warning-300 bg-warning-50 text-warning-900",
  not_today: "border-danger-300 bg-danger-50 text-danger-900",
  cancelled: "border-danger-300 bg-danger-50 text-danger-900",
  not_found: "border-danger-300 bg-danger-50 text-danger-900",
};

/** The answer at the door, big enough to read at arm's length: headline, who, which session. */
export function CheckinResultPanel({ result }: { result: CheckInResult }) {
  return (
    <div className={cn("rounded-lg border-2 p-5", tones[result.status])}>
      <p className="text-2xl font-bold">{result.message}</p>
      {result.attendee ? (
        <p className="mt-2 text-lg font-medium">
          {result.attendee.name}
          <span className="block text-sm font-normal opacity-80">{result.attendee.email}</span>
        </p>
      ) : null}
      {result.session ? (
        <p className="mt-2 text-sm">
          {result.session.title} · {result.session.when}
        </p>
      ) : null}
      <p className="mt-2 font-mono text-sm opacity-80">Code {result.code}</p>
    </div>
  );
}
