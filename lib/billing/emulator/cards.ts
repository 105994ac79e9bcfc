import { createHmac } from "node:crypto";
import type { Decline } from "./errors";

/**
 * Stripe's documented test card numbers and what each one does. Anything else is refused the way
 * test mode refuses a real card, so a typo on the hosted page is visible rather than silently paid.
 */
export type CardBehavior =
  | { kind: "succeeds" }
  | { kind: "declines"; decline: Decline }
  /** 4000 0000 0000 0341: attaches and pays on-session, then every off-session charge fails. */
  | { kind: "fails_off_session"; decline: Decline };

export type TestCard = {
  number: string;
  brand: "visa" | "mastercard" | "amex";
  funding: "credit" | "debit";
  country: string;
  behavior: CardBehavior;
};

const declined = (decline_code: string, message = "Your card was declined."): Decline => ({ code: "card_declined", decline_code, message });

const CARDS: TestCard[] = [
  { number: "4242424242424242", brand: "visa", funding: "credit", country: "US", behavior: { kind: "succeeds" } },
  { number: "4000056655665556", brand: "visa", funding: "debit", country: "US", behavior: { kind: "succeeds" } },
  { number: "5555555555554444", brand: "mastercard", funding: "credit", country: "US", behavior: { kind: "succeeds" } },
  { number: "378282246310005", brand: "amex", funding: "credit", country: "US", behavior: { kind: "succeeds" } },
  { number: "4000000000000002", brand: "visa", funding: "credit", country: "US", behavior: { kind: "declines", decline: declined("generic_decline") } },
  { number: "4000000000009995", brand: "visa", funding: "credit", country: "US", behavior: { kind: "declines", decline: declined("insufficient_funds", "Your card has insufficient funds.") } },
  { number: "4000000000009987", brand: "visa", funding: "credit", country: "US", behavior: { kind: "declines", decline: declined("lost_card") } },
  { number: "4000000000000069", brand: "visa", funding: "credit", country: "US", behavior: { kind: "declines", decline: { code: "expired_card", message: "Your card has expired." } } },
  { number: "4000000000000127", brand: "visa", funding: "credit", country: "US", behavior: { kind: "declines", decline: { code: "incorrect_cvc", message: "Your card's security code is incorrect." } } },
  { number: "4000000000000341", brand: "visa", funding: "credit", country: "US", behavior: { kind: "fails_off_session", decline: declined("generic_decline") } },
];

export function normalizeCardNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

export type CardLookup = { ok: true; card: TestCard } | { ok: false; decline: Decline };

export function lookupCard(input: string): CardLookup {
  const number = normalizeCardNumber(input);
  const card = CARDS.find((c) => c.number === number);
  if (card) return { ok: true, card };
  if (!/^\d{12,19}$/.test(number)) return { ok: false, decline: { code: "incorrect_number", message: "Your card number is incorrect." } };
  return {
    ok: false,
    decline: declined("test_mode_live_card", "Your card was declined. Your request was in test mode, but used a non test card. For a list of valid test cards, visit: https://stripe.com/docs/testing."),
  };
}

/** What happens when this card is charged now; `null` means the charge succeeds. */
export function chargeDecline(card: TestCard, onSession: boolean): Decline | null {
  switch (card.behavior.kind) {
    case "succeeds":
      return null;
    case "declines":
      return card.behavior.decline;
    case "fails_off_session":
      return onSession ? null : card.behavior.decline;
  }
}

/**
 * Stable per card number, across restarts and databases, like Stripe's (fraud rules compare it to
 * spot one card behind many accounts). A keyed hash, so the number cannot be read back from it.
 */
export function cardFingerprint(number: string): string {
  const digest = createHmac("sha256", "cairn-stripe-emulator-fingerprint").update(normalizeCardNumber(number)).digest();
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  let out = "";
  for (let i = 0; i < 16; i++) out += alphabet[digest[i] % 62];
  return out;
}

let byFingerprint: Map<string, TestCard> | null = null;

/** Payment methods keep only last4 and the fingerprint, as Stripe's do; this finds the test card again. */
export function testCardByFingerprint(fingerprint: string): TestCard | null {
  byFingerprint ??= new Map(CARDS.map((c) => [cardFingerprint(c.number), c]));
  return byFingerprint.get(fingerprint) ?? null;
}
