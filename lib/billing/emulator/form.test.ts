import { describe, expect, it } from "vitest";
import { parseForm } from "./form";

describe("parseForm (the SDK's form encoding)", () => {
  it.each([
    ["email=a%40b.c", { email: "a@b.c" }],
    ["metadata[plan]=gold&metadata[user]=u_1", { metadata: { plan: "gold", user: "u_1" } }],
    ["line_items[0][price]=price_1&line_items[0][quantity]=2&line_items[1][price]=price_2", { line_items: [{ price: "price_1", quantity: "2" }, { price: "price_2" }] }],
    ["expand[0]=subscription&expand[1]=customer", { expand: ["subscription", "customer"] }],
    ["expand[]=a&expand[]=b", { expand: ["a", "b"] }],
    ["lookup_keys[1]=b&lookup_keys[0]=a", { lookup_keys: ["a", "b"] }],
    ["metadata=", { metadata: "" }],
    ["name=Ada+Lovelace&note=50%25+off", { name: "Ada Lovelace", note: "50% off" }],
    ["discounts[0][promotion_code]=promo_1", { discounts: [{ promotion_code: "promo_1" }] }],
    ["", {}],
  ])("%s", (input, expected) => {
    expect(parseForm(input)).toEqual(expected);
  });

  it("ignores prototype keys and malformed brackets", () => {
    const parsed = parseForm("__proto__[x]=1&a[b=2&constructor[prototype][y]=3&ok=1");
    expect(parsed).toEqual({ ok: "1" });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
