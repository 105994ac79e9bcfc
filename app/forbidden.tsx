import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

// Shown when a page calls forbidden() (next/navigation, experimental authInterrupts): signed in, wrong role.
export default function Forbidden() {
  return (
    <div className="mx-auto w-full max-w-xl px-4 py-16 text-center sm:py-24">
      <p className="text-sm font-semibold text-brand-700">403</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-balance text-neutral-900">
        You don&apos;t have access to this page
      </h1>
      <p className="mt-4 text-pretty text-neutral-700">
        Your account isn&apos;t allowed to see this. If you think it should be, ask a program admin.
      </p>
      <div className="mt-8 flex flex-col justify-center gap-3 sm:flex-row">
        <Link href="/dashboard" className={buttonClasses("primary", "md")}>
          Go to your dashboard
        </Link>
        <Link href="/" className={buttonClasses("secondary", "md")}>
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
