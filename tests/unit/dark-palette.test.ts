// The dark theme remaps Tailwind's colour variables (app/globals.css). This holds the pairs the
// components use to WCAG AA contrast (4.5:1 for text) in that palette, so a retuned step cannot
// quietly make a pill or a secondary text unreadable. The light palette is Tailwind's own.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const css = readFileSync("app/globals.css", "utf8");
const block = css.slice(css.indexOf("@media screen and (prefers-color-scheme: dark)"));
const root = block.slice(block.indexOf(":root {"), block.indexOf("}", block.indexOf(":root {")));
const dark = new Map([...root.matchAll(/--color-([a-z]+(?:-\d+)?): (#[0-9a-f]{6});/g)].map((m) => [m[1]!, m[2]!]));

function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

function colour(name: string): string {
  const value = dark.get(name);
  if (!value) throw new Error(`No dark value for --color-${name}`);
  return value;
}

const TINTS = ["red", "orange", "amber", "yellow", "lime", "green", "emerald", "sky", "violet"];
const SURFACES = ["white", "slate-50", "slate-100"];

describe("the dark palette", () => {
  it("remaps the neutral scale, white and black, and every step of the tinted scales", () => {
    for (const name of ["white", "black", ...[50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950].flatMap((s) => ["slate", ...TINTS].map((f) => `${f}-${s}`))]) {
      expect(dark.has(name), name).toBe(true);
    }
  });

  it("keeps text steps readable on the page, the cards and the subtle backgrounds", () => {
    const texts = ["slate-500", "slate-600", "slate-700", "slate-800", "slate-900", "black", "brand-700", "brand-800", "brand-900", ...TINTS.flatMap((f) => [`${f}-700`, `${f}-800`, `${f}-900`, `${f}-950`])];
    for (const text of texts) for (const surface of SURFACES) expect(contrast(colour(text), colour(surface)), `${text} on ${surface}`).toBeGreaterThanOrEqual(4.5);
  });

  it("keeps the pills and alerts readable: text 700-950 on their own scale's 50-200", () => {
    for (const family of [...TINTS, "brand"]) {
      for (const bg of [50, 100].concat(family === "brand" ? [] : [200])) {
        for (const text of [700, 800, 900].concat(family === "brand" ? [] : [950])) {
          expect(contrast(colour(`${family}-${text}`), colour(`${family}-${bg}`)), `${family}-${text} on ${family}-${bg}`).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
  });

  it("keeps the heat map's middle bands readable (950 text on 200-400)", () => {
    for (const [family, bg] of [["emerald", 300], ["amber", 200], ["orange", 400]] as const) {
      expect(contrast(colour(`${family}-950`), colour(`${family}-${bg}`)), `${family}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("orders the neutral scale from dark to light, the cards above the page", () => {
    const steps = [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950].map((s) => luminance(colour(`slate-${s}`)));
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    expect(luminance(colour("white"))).toBeGreaterThan(luminance(colour("slate-50")));
    expect(luminance(colour("white"))).toBeLessThan(luminance(colour("slate-100")));
  });
});
