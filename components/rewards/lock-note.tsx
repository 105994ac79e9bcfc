import Link from "next/link";
import type { RewardLock } from "@/lib/rewards/catalog";

/** Why a reward is locked and how to unlock it, with a lock icon. */
export function LockNote({ lock, className }: { lock: RewardLock; className?: string }) {
  return (
    <p className={`flex items-start gap-1.5 text-sm text-neutral-700 ${className ?? ""}`} data-testid="reward-lock">
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0 text-neutral-500">
        <path fillRule="evenodd" clipRule="evenodd" d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z" />
      </svg>
      <span>
        {lock.text}
        {lock.link ? (
          <Link href={lock.link.href} className="font-medium text-brand-700 underline underline-offset-2">
            {lock.link.label}
          </Link>
        ) : null}
      </span>
    </p>
  );
}
