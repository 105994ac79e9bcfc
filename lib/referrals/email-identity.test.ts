import { describe, expect, it } from "vitest";
import { canonicalEmail, isDisposableEmail } from "./email-identity";

describe("canonicalEmail", () => {
  it.each([
    ["Jane.Doe+promo@Gmail.com", "janedoe@gmail.com"],
    ["j.a.n.e.doe@googlemail.com", "janedoe@gmail.com"],
    ["jane.doe+x@example.com", "jane.doe@example.com"],
    ["  JANE@Example.COM ", "jane@example.com"],
  ])("%s → %s", (input, expected) => expect(canonicalEmail(input)).toBe(expected));
});

describe("isDisposableEmail", () => {
  it.each([
    ["someone@mailinator.com", true],
    ["someone@sub.mailinator.com", true],
    ["someone@example.com", false],
    ["someone@gmail.com", false],
  ])("%s → %s", (email, expected) => expect(isDisposableEmail(email)).toBe(expected));
});
