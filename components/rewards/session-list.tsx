import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { formatDateTime, formatPoints } from "@/lib/format";
import type { acceptOfferAction, joinWaitlistAction, leaveWaitlistAction, redeemRewardAction } from "@/lib/rewards/actions";
import type { RewardLock, SessionView } from "@/lib/rewards/catalog";
import { DrawEntryForm } from "./draw-entry-form";
import { AcceptOfferForm, BookForm, JoinWaitlistForm, LeaveWaitlistForm } from "./session-forms";

export type SessionActions = {
  book: typeof redeemRewardAction;
  join: typeof joinWaitlistAction;
  leave: typeof leaveWaitlistAction;
  accept: typeof acceptOfferAction;
};

type Props = {
  rewardId: string;
  sessions: SessionView[];
  /** Null for a visitor: they're asked to sign in. */
  member: boolean;
  signInHref: string;
  /** The reward is locked for this member (the reason is shown above the list). */
  lock: RewardLock | null;
  actions: SessionActions;
  /** One request key per session, fresh on every render of the page: a Book form sent twice books once. */
  requestKeys: Readonly<Record<string, string>>;
};

function seatsText(s: SessionView): string {
  if (s.mode === "draw") return `${s.capacity} ${s.capacity === 1 ? "place" : "places"}, by draw`;
  if (s.seatsLeft === 0) return `Full (${s.capacity} ${s.capacity === 1 ? "seat" : "seats"})`;
  return `${s.seatsLeft} of ${s.capacity} ${s.capacity === 1 ? "seat" : "seats"} left`;
}

function SessionAction({ session: s, rewardId, member, signInHref, lock, actions, requestKeys, whenId }: Omit<Props, "sessions"> & { session: SessionView; whenId: string }) {
  const mine = s.mine;
  if (mine?.booking) {
    return (
      <p className="text-sm font-medium text-success-800">
        You&apos;re booked.{" "}
        <Link href={`/redemptions/${mine.booking.redemptionId}`} className="text-brand-700 underline underline-offset-2">
          See your ticket
        </Link>
      </p>
    );
  }
  if (s.mode === "draw") {
    if (!s.drawOpen && !mine?.drawEntered) return <p className="text-sm text-neutral-700">Entries to the draw are closed.</p>;
    if (!member) return <SignIn href={signInHref} text="Sign in to enter the draw" />;
    if (lock) return null;
    return <DrawEntryForm sessionId={s.id} entered={mine?.drawEntered ?? false} closesAt={s.drawClosesAt ?? s.closesAt} />;
  }
  if (mine?.waitlist?.offerLive) {
    return (
      <div className="space-y-3">
        <Alert tone="success" title="A seat is held for you">
          Accept it by {formatDateTime(mine.waitlist.offerExpiresAt!)}; after that it goes to the next person on the waitlist.
        </Alert>
        <div className="flex flex-wrap items-center gap-2">
          <AcceptOfferForm action={actions.accept} entryId={mine.waitlist.entryId} describedBy={whenId} />
          <LeaveWaitlistForm action={actions.leave} entryId={mine.waitlist.entryId} label="Decline the seat" />
        </div>
      </div>
    );
  }
  if (s.closed) return <p className="text-sm font-medium text-neutral-700">Booking closed</p>;
  if (mine?.waitlist) {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <p className="text-sm font-medium text-neutral-900" data-testid="waitlist-position">
          {mine.waitlist.status === "offered" ? "Your held seat's time ran out; it's being passed on." : `You're number ${mine.waitlist.position} on the waitlist.`}
        </p>
        <LeaveWaitlistForm action={actions.leave} entryId={mine.waitlist.entryId} label="Leave the waitlist" />
      </div>
    );
  }
  if (!member) return <SignIn href={signInHref} text="Sign in to book" />;
  if (lock) return null;
  if (s.seatsLeft === 0) return <JoinWaitlistForm action={actions.join} sessionId={s.id} describedBy={whenId} />;
  return <BookForm action={actions.book} rewardId={rewardId} sessionId={s.id} requestKey={requestKeys[s.id]} describedBy={whenId} />;
}

function SignIn({ href, text }: { href: string; text: string }) {
  return (
    <Link href={href} className={buttonClasses("secondary", "md", "w-full sm:w-auto")}>
      {text}
    </Link>
  );
}

/** An experience's upcoming sessions: when (in the session's time zone), where, seats, cost, and what the member can do. */
export function SessionList({ sessions, ...rest }: Props) {
  return (
    <ul aria-label="Sessions" className="space-y-3">
      {sessions.map((s) => {
        const whenId = `session-${s.id}-when`;
        return (
          <li key={s.id} id={`session-${s.id}`} aria-labelledby={whenId} className="scroll-mt-6 rounded-lg border border-neutral-200 bg-white p-4 sm:p-5">
            <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
              <div className="min-w-0 space-y-1">
                <h3 id={whenId} className="text-base font-semibold text-neutral-900">
                  {s.when}
                </h3>
                {s.place ? <p className="text-sm text-neutral-700">{s.place}</p> : null}
                <p className="text-sm text-neutral-600">
                  <span data-testid="session-seats">{seatsText(s)}</span> · <span className="tabular-nums">{formatPoints(s.cost)}</span>
                </p>
              </div>
              <div className="shrink-0 sm:max-w-xs">
                <SessionAction session={s} whenId={whenId} {...rest} />
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
