/**
 * Net Promoter Score arithmetic, pure so the admin pages, the analytics and the tests agree.
 * Promoters answer 9–10, passives 7–8, detractors 0–6; NPS = % promoters − % detractors,
 * from −100 to 100, rounded to a whole number as it is usually reported.
 */

export type NpsCategory = "promoter" | "passive" | "detractor";

export function npsCategory(score: number): NpsCategory {
  if (score >= 9) return "promoter";
  if (score >= 7) return "passive";
  return "detractor";
}

export type NpsCounts = { responses: number; promoters: number; passives: number; detractors: number };

/** Null when nobody answered: "no score" is not a score of 0. */
export function npsOf({ responses, promoters, detractors }: NpsCounts): number | null {
  if (responses <= 0) return null;
  // One division (not two rounded percentages) so the rounding happens once; +0 turns -0 into 0.
  return Math.round(((promoters - detractors) * 100) / responses) + 0;
}

export function countScores(scores: Iterable<number>): NpsCounts {
  const counts: NpsCounts = { responses: 0, promoters: 0, passives: 0, detractors: 0 };
  for (const score of scores) {
    counts.responses++;
    counts[`${npsCategory(score)}s`]++;
  }
  return counts;
}

/** For people: "+42", "−8", "0", or "—" with no answers. */
export function formatNps(nps: number | null): string {
  if (nps === null) return "—";
  return nps > 0 ? `+${nps}` : nps < 0 ? `−${Math.abs(nps)}` : "0";
}
