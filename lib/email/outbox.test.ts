import { describe, expect, it } from "vitest";
import { extractLinks } from "./outbox";

describe("extractLinks", () => {
  it("finds http(s) links with their text and decodes entities", () => {
    const html = `<p><a href="http://localhost:3000/sign-in/confirm?token=a&amp;email=b" style="x"><span>Sign in</span> to Cairn</a>
      <a href="mailto:help@cairn.test">help</a><a href="javascript:alert(1)">x</a></p>`;
    expect(extractLinks(html)).toEqual([{ href: "http://localhost:3000/sign-in/confirm?token=a&email=b", text: "Sign in to Cairn" }]);
  });
});
