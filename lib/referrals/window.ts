/** Pure attribution rules, shared by the /r route and sign-up recording. */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A click counts for `windowDays` days: a sign-up on day 30 of a 30-day window counts, day 31 does not. */
export function withinWindow(clickedAt: Date, now: Date, windowDays: number): boolean {
  const age = now.getTime() - clickedAt.getTime();
  return age >= 0 && age <= windowDays * DAY_MS;
}

export type Touch = { kind: "click"; clickId: string; code: string } | { kind: "code"; code: string };

/**
 * Which touch gets the credit. A typed code is the person's latest, explicit choice (last touch);
 * under first touch a live click from before wins, and a typed code only fills in for a lost cookie.
 */
export function chooseTouch(touch: "first" | "last", click: Touch | null, typed: Touch | null): Touch | null {
  if (touch === "first") return click ?? typed;
  return typed ?? click;
}
