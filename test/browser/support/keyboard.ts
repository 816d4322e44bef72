// A keyboard user's path through a page: press Tab, see what has focus and what a screen reader calls it.
import type { Page } from "playwright-core";

export interface Focused {
  tag: string;
  role: string | null;
  name: string;
}

/** The focused element and its accessible name as a screen reader would take it (aria-label, labelledby, label, text). */
export const FOCUSED = `(() => {
  const e = document.activeElement;
  if (!e) return { tag: "", role: null, name: "" };
  const byIds = (ids) => ids.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
  const labelled = e.id ? document.querySelector('label[for="' + e.id + '"]') : null;
  const name = e.getAttribute("aria-label") || (e.getAttribute("aria-labelledby") && byIds(e.getAttribute("aria-labelledby"))) || (labelled && labelled.textContent) || e.innerText || "";
  return { tag: e.tagName.toLowerCase(), role: e.getAttribute("role"), name: name.replace(/\\s*\\*\\s*$/, "").trim() };
})()`;

/** Presses Tab until the focused element matches; returns every stop on the way (a keyboard user's path). */
export async function tabUntil(page: Page, matches: (f: Focused) => boolean, maxStops = 40): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press("Tab");
    const focused = (await page.evaluate(FOCUSED)) as Focused;
    stops.push(focused);
    if (matches(focused)) return stops;
  }
  throw new Error(`Tab never reached the control; stops: ${JSON.stringify(stops)}`);
}
