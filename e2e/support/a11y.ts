import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

/** WCAG 2.0 and 2.1, levels A and AA: the rules the Quality gates issue holds every page to. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;
export type AxeViolation = AxeResults["violations"][number];

/**
 * Runs axe-core on the page as it is now, limited to WCAG 2.1 A/AA. Sandboxed frames without scripts
 * (the dev mailbox shows an email's own HTML in one) are left out: axe cannot run inside them.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude('iframe[sandbox]:not([sandbox~="allow-scripts"])').analyze();
  return results.violations;
}

/** The violations that fail the gate. */
export const blocking = (violations: AxeViolation[]) => violations.filter((v) => v.impact === "serious" || v.impact === "critical");

/** Violations as plain text for the report: rule, impact, what to do, and where (selector, HTML, axe's summary). */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((node) => {
        const summary = (node.failureSummary ?? "").replace(/\n\s*/g, " ").trim();
        return `    - ${node.target.join(" ")}\n      ${node.html.slice(0, 200)}\n      ${summary}`;
      });
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join("\n")}`;
    })
    .join("\n");
}

/**
 * How far the page reaches past a `width`-px viewport (0 when it fits), with the elements where the
 * overflow starts: the outermost ones past the edge that no scrolling container of their own holds.
 */
export async function horizontalOverflow(page: Page, width = 320): Promise<{ scrollWidth: number; culprits: string[] }> {
  const before = page.viewportSize();
  await page.setViewportSize({ width, height: 640 });
  try {
    // Two frames: layout, then anything a ResizeObserver (charts) re-renders.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    return await page.evaluate((limit) => {
      const scrollWidth = document.scrollingElement?.scrollWidth ?? 0;
      if (scrollWidth <= limit + 1) return { scrollWidth, culprits: [] };
      const contained = (el: Element) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          if (getComputedStyle(p).overflowX !== "visible") return true;
        }
        return false;
      };
      const past = (el: Element | null) => !!el && el.getBoundingClientRect().right > limit + 1;
      const culprits = [...document.body.querySelectorAll("*")]
        .filter((el) => past(el) && !past(el.parentElement) && !contained(el))
        .slice(0, 5)
        .map((el) => `${el.outerHTML.slice(0, 160)} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
      return { scrollWidth, culprits };
    }, width);
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

type FocusState = { element: string; focusVisible: boolean; indicator: string | null };

/**
 * The focused element and what shows it has focus: an outline (at least 1 px, not transparent) on
 * the element or on a close ancestor that draws it for its child (a card around a stretched link,
 * a label around a radio).
 */
export async function focusState(page: Page): Promise<FocusState | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const label = (el.getAttribute("aria-label") ?? (el as HTMLElement).innerText ?? (el as HTMLInputElement).value ?? "").trim().replace(/\s+/g, " ").slice(0, 50);
    const element = `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ""}${el.getAttribute("name") ? ` name="${el.getAttribute("name")}"` : ""}> "${label}"`;
    const visibleOutline = (node: Element) => {
      const style = getComputedStyle(node);
      const transparent = style.outlineColor === "transparent" || /rgba\(.*,\s*0\)$/.test(style.outlineColor);
      return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1 && !transparent ? `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}` : null;
    };
    let indicator: string | null = null;
    let node: Element | null = el;
    for (let depth = 0; node && depth < 4 && !indicator; depth++, node = node.parentElement) {
      const outline = visibleOutline(node);
      if (outline) indicator = depth === 0 ? outline : `${outline} on <${node.tagName.toLowerCase()}> ${depth} up`;
    }
    return { element, focusVisible: el.matches(":focus-visible"), indicator };
  });
}

/** Fails (softly, so a journey reports every stop) when the focused element shows no focus indicator. */
export async function expectVisibleFocus(page: Page, where: string): Promise<FocusState | null> {
  const state = await focusState(page);
  expect.soft(state, `${where}: something has keyboard focus`).not.toBeNull();
  if (state) {
    expect.soft(state.focusVisible, `${where}: ${state.element} matches :focus-visible`).toBe(true);
    expect.soft(state.indicator, `${where}: ${state.element} shows a focus outline`).not.toBeNull();
  }
  return state;
}

/**
 * Presses Tab until `target` has focus, checking at every stop on the way that focus is visible.
 * Returns the number of presses. `max` allows for wrapping around from the end of the page: Tab
 * from the last control leaves the page for the browser's own controls (nothing on the page has
 * focus), and the next one starts again at the top.
 */
export async function tabTo(page: Page, target: Locator, where: string, max = 120): Promise<number> {
  await expect(target).toBeVisible();
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement === document.body)) continue;
    await expectVisibleFocus(page, `${where}, Tab ${presses}`);
    if (await target.evaluate((el) => el === document.activeElement)) return presses;
  }
  throw new Error(`${where}: ${max} presses of Tab never reached ${target}`);
}
