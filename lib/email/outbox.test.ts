import { describe, expect, it } from "vitest";
import { extractLinks } from "./outbox";

describe("extractLinks", () => {
  it("finds http(s) links with their text and decodes entities", () => {
    const html = `<p><a href="http://localhost:3000/sign-in/confirm?token=a&amp;email=b" style="x"><span>Sign in</span> to Cairn</a>
      <a href="mailto:help@cairn.test">help</a><a href="javascript:alert(1)">x</a></p>`;
    expect(extractLinks(html)).toEqual([{ href: "http://localhost:3000/sign-in/confirm?token=a&email=b", text: "Sign in to Cairn" }]);
  });

  it("reads a react-email button's padding characters as nothing, so the link's name is its words", () => {
    const html = `<a href="http://localhost:3000/x?a=1&#38;b=2"><span>&#8202;&#8202;</span><span>Sign in to Cairn</span><span>&#8202;&#8202;&#8203;</span></a>`;
    expect(extractLinks(html)).toEqual([{ href: "http://localhost:3000/x?a=1&b=2", text: "Sign in to Cairn" }]);
  });
});
