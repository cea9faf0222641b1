// Accessibility checks that need more than support.ts's expectAccessible: the same axe run (WCAG
// 2.1 A and AA, serious and critical findings) in the light and in the dark theme.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** No serious or critical WCAG 2.1 A/AA violation in either colour scheme; the page's scheme is restored after. */
export async function expectAccessibleInBothThemes(page: Page): Promise<void> {
  try {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      // The theme is CSS only (app/globals.css), so the switch is done once styles recompute.
      await expect
        .poll(() => page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches))
        .toBe(colorScheme === "dark");
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${colorScheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `${colorScheme} theme of ${page.url()}`).toEqual([]);
    }
  } finally {
    await page.emulateMedia({ colorScheme: null });
  }
}
