// Two accessibility audits run inside a page, for end-to-end tests: text contrast against the
// background it is drawn on (WCAG 2.x AA: 4.5:1, or 3:1 for large text), and controls without
// an accessible name. Deliberately simple: the background is the nearest opaque ancestor
// background (images and gradients are not considered), which is how Carnet's screens are built.
import type { Page } from 'playwright-core';

export interface ContrastProblem {
  text: string;
  ratio: number;
  needed: number;
  color: string;
  background: string;
}

/** Visible text nodes whose colour does not contrast enough with their background. */
export function contrastProblems(page: Page): Promise<ContrastProblem[]> {
  return page.evaluate(() => {
    const parse = (value: string): number[] | null => {
      const m = value.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return [parts[0], parts[1], parts[2], parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]) => {
      const f = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const blend = (top: number[], bottom: number[]) => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
    };
    const backgroundOf = (el: Element | null): number[] => {
      const layers: number[][] = [];
      for (let node = el; node; node = node.parentElement) {
        const bg = parse(getComputedStyle(node).backgroundColor);
        if (bg && bg[3] > 0) {
          layers.push(bg);
          if (bg[3] >= 1) break;
        }
      }
      let color = [255, 255, 255, 1];
      for (const layer of layers.reverse()) color = blend(layer, color);
      return color;
    };
    const problems: ContrastProblem[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || seen.has(el) || !node.textContent?.trim()) continue;
      seen.add(el);
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
      if (el.closest('[aria-hidden="true"], .visually-hidden, del, [disabled], :disabled')) continue;
      if (Number(style.opacity) < 1) continue;
      const fg = parse(style.color);
      if (!fg) continue;
      const bg = backgroundOf(el);
      const color = blend(fg, bg);
      const [l1, l2] = [luminance(color), luminance(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const large = size >= 24 || (bold && size >= 18.66);
      const needed = large ? 3 : 4.5;
      if (ratio < needed - 0.01) {
        problems.push({ text: node.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100, needed, color: style.color, background: `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})` });
      }
    }
    return problems;
  });
}

/** Form controls and buttons that a screen reader would announce without a name. */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('input, select, textarea, button, [role=button], [role=combobox], a[href]')) {
      if (el.closest('[aria-hidden="true"]') || (el instanceof HTMLInputElement && el.type === 'hidden')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      const labelled = el.getAttribute('aria-labelledby')?.split(/\s+/).some((id) => document.getElementById(id)?.textContent?.trim());
      const labels = 'labels' in el ? [...((el as HTMLInputElement).labels ?? [])].some((l) => l.textContent?.trim()) : false;
      const text = el.textContent?.trim() || (el instanceof HTMLInputElement && ['submit', 'button'].includes(el.type) ? el.value : '');
      const named = el.getAttribute('aria-label')?.trim() || labelled || labels || el.getAttribute('title')?.trim() || (['BUTTON', 'A'].includes(el.tagName) || el.getAttribute('role') === 'button' ? text : '');
      if (!named) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  });
}
