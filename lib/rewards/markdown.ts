import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

/**
 * Reward descriptions are markdown written by admins and rendered to every member, so the HTML is
 * sanitised after rendering (markdown passes raw HTML through): an allow-list of formatting tags,
 * no scripts or event handlers, links only to http(s) and mailto, and every link opens without
 * handing the catalog page to the target (rel="noopener noreferrer").
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "b", "em", "i", "del", "s", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td"],
  allowedAttributes: { a: ["href", "title", "rel", "target"], ol: ["start"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  // Dropped tags lose their content too where it could only be code.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed"],
  transformTags: {
    // A description's own "# Heading" sits under the reward's title (the page's h1).
    h1: "h2",
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer", ...(attribs.target ? { target: "_blank" } : {}) } }),
  },
};

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown ?? "", { async: false, gfm: true, breaks: false });
  return sanitizeHtml(html, OPTIONS);
}

/** The first paragraph as plain text, for cards and meta descriptions. */
export function markdownExcerpt(markdown: string, max = 160): string {
  const text = sanitizeHtml(marked.parse((markdown ?? "").split(/\n\s*\n/)[0] ?? "", { async: false }), { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
