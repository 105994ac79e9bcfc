import { BackLink } from "@/components/admin/back-link";
import type { Metadata } from "next";
import Link from "next/link";
import { CheckinScanner } from "@/components/admin/checkin-scanner";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { listTodaysSessions } from "@/lib/rewards/operations";
import { checkInAction } from "@/lib/rewards/operations-actions";

export const metadata: Metadata = { title: "Check-in · Admin" };

export default async function CheckInPage() {
  await requireAdmin("/admin/check-in");
  const today = await listTodaysSessions();
  return (
    <div className="mx-auto w-full max-w-xl px-4 py-6 sm:py-10">
      <BackLink />
      <PageHeader className="mt-2" title="Check-in" description="Type or scan the ticket code. Each ticket checks in once." />
      <div className="mt-6">
        <CheckinScanner action={checkInAction} />
      </div>
      <section className="mt-10" aria-labelledby="today-heading">
        <h2 id="today-heading" className="text-lg font-semibold text-neutral-900">
          Today&apos;s sessions
        </h2>
        {today.length === 0 ? (
          <p className="mt-2 text-sm text-neutral-600">No sessions today.</p>
        ) : (
          <ul className="mt-3 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white">
            {today.map((s) => (
              <li key={s.id} className="px-4 py-3 text-sm">
                <Link href={`/admin/sessions/${s.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {s.title}
                </Link>
                <span className="block text-neutral-600">{s.when}</span>
                <span className="block text-neutral-900">
                  {s.checkedIn} of {s.booked} booked checked in · {s.capacity} places
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
