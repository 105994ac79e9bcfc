import { randomInt } from "node:crypto";

// No 0/O, 1/I/L: codes are read aloud at the door and typed on phones.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function randomCode(length: number, prefix = ""): string {
  let code = "";
  for (let i = 0; i < length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}${code}`;
}
