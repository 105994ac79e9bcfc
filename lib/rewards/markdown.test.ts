import { describe, expect, it } from "vitest";
import { markdownExcerpt, renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it.each([
    ["a script tag", "Hello <script>alert(1)</script> there", /<script|alert\(1\)/i],
    ["an onerror handler", '<img src="x" onerror="alert(1)">', /onerror|<img/i],
    ["an inline handler on an allowed tag", '<p onclick="steal()">Click</p>', /onclick|steal/],
    ["a javascript: markdown link", "[click](javascript:alert(1))", /javascript:/i],
    ["a javascript: html link", '<a href="JaVaScRiPt:alert(1)">x</a>', /javascript:/i],
    ["an iframe", '<iframe src="https://evil.example"></iframe>', /iframe|evil/],
    ["a style block", "<style>body{display:none}</style>", /<style|display:none/],
    ["a data: link", "[x](data:text/html;base64,PHNjcmlwdD4=)", /data:/],
  ])("removes %s", (_name, input, forbidden) => {
    expect(renderMarkdown(input)).not.toMatch(forbidden);
  });

  it("keeps formatting: emphasis, lists, headings, code and quotes", () => {
    const html = renderMarkdown("# Title\n\n**bold** and _italic_\n\n- one\n- two\n\n1. first\n\n> quoted\n\n`code`");
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>italic</em>");
    expect(html).toContain("<ul>\n<li>one</li>\n<li>two</li>\n</ul>");
    expect(html).toContain("<ol>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<code>code</code>");
  });

  it("keeps safe links and adds rel=noopener noreferrer", () => {
    const html = renderMarkdown("See [the map](https://example.com/map) or [mail us](mailto:hi@example.com).");
    expect(html).toContain('<a href="https://example.com/map" rel="noopener noreferrer">the map</a>');
    expect(html).toContain('href="mailto:hi@example.com"');
    const raw = renderMarkdown('<a href="https://example.com" rel="opener" target="_self">x</a>');
    expect(raw).toContain('rel="noopener noreferrer"');
  });

  it("handles empty input", () => {
    expect(renderMarkdown("")).toBe("");
  });
});

describe("markdownExcerpt", () => {
  it("gives the first paragraph as plain text, shortened", () => {
    expect(markdownExcerpt("**Paddle** at dawn <script>x</script>\n\nSecond paragraph")).toBe("Paddle at dawn");
    expect(markdownExcerpt("word ".repeat(100), 20)).toHaveLength(20);
  });
});
