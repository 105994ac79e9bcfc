import { randomInt } from "node:crypto";

/**
 * Pure rules for referral codes. Generated codes use an alphabet without look-alikes (no 0/O,
 * 1/I/L), so a code read aloud or copied from paper survives.
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const GENERATED_CODE_LENGTH = 8;

/** A code's shape: 3 to 20 letters, digits or dashes (upper case once normalised). */
export const CODE_PATTERN = "[A-Z0-9-]{3,20}";
const WHOLE_CODE = new RegExp(`^${CODE_PATTERN}$`);

export function generateCode(random: (max: number) => number = randomInt): string {
  let code = "";
  for (let i = 0; i < GENERATED_CODE_LENGTH; i++) code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return code;
}

/** A code as it arrives in a link or a form: null when malformed or overlong (never looked up). */
export function normalizeCode(input: string | null | undefined): string | null {
  if (typeof input !== "string") return null;
  const code = input.trim().toUpperCase();
  return WHOLE_CODE.test(code) ? code : null;
}

/**
 * Words a vanity code may not contain (offensive) or be (reserved: they read as the brand or staff).
 * Compared with dashes removed and common digit-for-letter swaps undone.
 */
const OFFENSIVE = ["FUCK", "SHIT", "CUNT", "BITCH", "NIGG", "FAGG", "WHORE", "SLUT", "RAPE", "NAZI", "HITLER", "PORN", "DICK", "COCK", "PUSSY", "ASSHOLE", "BASTARD", "RETARD", "KILL"];
const RESERVED = ["ADMIN", "ADMINISTRATOR", "CAIRN", "STAFF", "SUPPORT", "HELP", "OFFICIAL", "ROOT", "SYSTEM", "STRIPE", "BILLING", "REFUND", "FREE", "TEST", "NULL", "UNDEFINED", "API", "MOD", "MODERATOR", "SECURITY", "PRICING", "SIGN-IN", "SIGNIN"];

const unLeet = (code: string) => code.replace(/-/g, "").replace(/0/g, "O").replace(/1/g, "I").replace(/3/g, "E").replace(/4/g, "A").replace(/5/g, "S").replace(/7/g, "T").replace(/\$/g, "S");

/** Why a vanity code is refused, in words for the form; null when it is acceptable. */
export function vanityCodeProblem(code: string): string | null {
  if (!WHOLE_CODE.test(code)) return "Use 3 to 20 letters, digits or dashes.";
  if (code.startsWith("-") || code.endsWith("-") || code.includes("--")) return "Dashes go between letters or digits.";
  const plain = code.replace(/-/g, "");
  const folded = unLeet(code);
  if (RESERVED.some((word) => plain === word.replace(/-/g, "") || folded === word.replace(/-/g, ""))) return "That code is reserved. Please choose another.";
  if (OFFENSIVE.some((word) => plain.includes(word) || folded.includes(word))) return "That code isn't allowed. Please choose another.";
  return null;
}
