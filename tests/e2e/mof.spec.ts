// The MOF map as a new hire meets it: from the header to the map, from an SMF to its procedures in
// the library and back, from a procedure to its place on the map, the reading page on how the team
// runs Exchange 2007 with MOF (read and acknowledged), axe in both themes, and the printed map on
// one landscape page. The suite's database is seeded at its pinned clock, so history is short:
// these tests hold the structure, not the rates (tests/integration/mof-map.test.ts holds those).
import { expect, test, type Page } from "@playwright/test";
import { expectAccessibleInBothThemes } from "./a11y";
import { ensureUser, queryDb, signIn } from "./support";

// A viewer of its own, so that acknowledging the reading page changes no other spec's viewer.
const NEW_HIRE = { name: "Nell Newhire", email: "newhire-mof@opsbook.test", password: "Lantern-Quay-58-moss" };
const READING = { slug: "how-this-team-runs-exchange-2007-with-mof", title: "How this team runs Exchange 2007 with MOF" };
const QUADRANTS = ["Changing", "Operating", "Supporting", "Optimizing"];

/** Pages in a PDF: its page objects, not the page tree ("/Type /Pages"). */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/** Width and height of the first page, in points. */
function firstMediaBox(pdf: Buffer): { width: number; height: number } {
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString("latin1"));
  expect(box, "a page with a MediaBox").not.toBeNull();
  const [x0, y0, x1, y1] = box!.slice(1).map(Number) as [number, number, number, number];
  return { width: x1 - x0, height: y1 - y0 };
}

async function openMap(page: Page) {
  await page.goto("/mof");
  await expect(page.getByRole("heading", { name: "MOF map", level: 1 })).toBeVisible();
}

test.beforeAll(() => {
  ensureUser(NEW_HIRE, "VIEWER");
});

test.describe.serial("the MOF map", () => {
  test("a new hire opens the map from the header: four quadrants, every SMF, gaps and the management reviews", async ({ page }) => {
    await signIn(page, NEW_HIRE);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "MOF map", exact: true }).click();
    await expect(page).toHaveURL(/\/mof$/);
    await expect(page.getByRole("heading", { name: "MOF map", level: 1 })).toBeVisible();

    for (const quadrant of QUADRANTS) {
      await expect(page.getByRole("heading", { name: new RegExp(`^${quadrant} quadrant`), level: 2 })).toBeVisible();
    }
    // The 22 SMFs of MOF 3.0, each with its own anchor.
    await expect(page.locator('article[id^="smf-"]')).toHaveCount(22);
    await expect(page.locator("#smf-SERVICE_MONITORING_AND_CONTROL")).toContainText("Service Monitoring and Control");
    await expect(page.getByTestId("coverage")).toContainText(/\d+ of 22 functions have a procedure; \d+ (is a gap|are gaps)/);
    expect(await page.getByTestId("gap").count()).toBeGreaterThan(0);
    await expect(page.locator("#smf-SERVICE_DESK").getByTestId("gap")).toContainText("A procedure here would");

    // Procedures sit under their primary SMF with their cadence and figures; related SMFs mention them.
    const storage = page.locator("#smf-STORAGE_MANAGEMENT");
    await expect(storage.getByRole("link", { name: "Check backups", exact: true })).toBeVisible();
    await expect(storage.locator('[data-procedure="check-backups"]').getByTestId("figures")).toHaveText(/(done|No run due in the last 30 days)/);
    await expect(page.locator("#smf-JOB_SCHEDULING").getByTestId("mentions")).toContainText("Also touched by");

    // The management reviews, with the weekly status meeting as the Operations Review.
    await expect(page.getByRole("heading", { name: "Management reviews", level: 2 })).toBeVisible();
    const operations = page.locator("#review-OPERATIONS");
    await expect(operations.getByRole("heading", { level: 3 })).toContainText("Operations Review");
    await expect(operations.getByRole("link", { name: /^W9 / })).toBeVisible();

    await expectAccessibleInBothThemes(page);
  });

  test("an SMF leads to its procedures in the library, the library's filter leads back, and a procedure links to its place", async ({ page }) => {
    await signIn(page, NEW_HIRE);
    await openMap(page);
    const storage = page.locator("#smf-STORAGE_MANAGEMENT");
    const toLibrary = storage.getByRole("link", { name: /^Storage Management in the library \(\d+\)$/ });
    const count = Number(/\((\d+)\)/.exec((await toLibrary.innerText()).trim())![1]);
    expect(count).toBeGreaterThan(0);
    await toLibrary.click();

    await expect(page).toHaveURL(/\/procedures\?smf=STORAGE_MANAGEMENT$/);
    await expect(page.getByRole("heading", { name: "Procedures", level: 1 })).toBeVisible();
    await expect(page.getByLabel("MOF function")).toHaveValue("STORAGE_MANAGEMENT");
    await expect(page.getByText(`${count} ${count === 1 ? "procedure" : "procedures"} match the filters`)).toBeVisible();
    await expect(page.getByRole("link", { name: "Check backups", exact: true })).toBeVisible();

    // The filter links to the function's place on the map.
    await page.getByRole("link", { name: "Storage Management on the MOF map" }).click();
    await expect(page).toHaveURL(/\/mof#smf-STORAGE_MANAGEMENT$/);
    await expect(page.locator("#smf-STORAGE_MANAGEMENT")).toBeInViewport();

    // A procedure's page links to its SMF on the map.
    await page.goto("/procedures/check-backups");
    await page.getByRole("link", { name: "See Storage Management on the MOF map" }).click();
    await expect(page).toHaveURL(/\/mof#smf-STORAGE_MANAGEMENT$/);
    await expect(page.locator("#smf-STORAGE_MANAGEMENT")).toBeInViewport();
  });

  test("the new hire opens the reading page on MOF from the map and acknowledges it", async ({ page }) => {
    await signIn(page, NEW_HIRE);
    await openMap(page);
    await page.getByRole("navigation", { name: "Quadrants and reviews" }).getByRole("link", { name: `Read: ${READING.title}` }).click();
    await expect(page).toHaveURL(new RegExp(`/procedures/${READING.slug}$`));
    await expect(page.getByRole("heading", { name: READING.title, level: 1 })).toBeVisible();
    await expect(page.getByText("As needed", { exact: true }).first()).toBeVisible();
    // A reading page: no checklist, no printed checklist; it cites the Exchange 2007 MOF pages.
    await expect(page.getByRole("heading", { name: /^Checklist/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Print checklist" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: /Exchange Server 2007: Microsoft Operations Framework/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /Service Management Function alignment/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "The management reviews: where the quadrants meet" })).toBeVisible();

    const panel = page.getByRole("region", { name: "Read and understood" });
    await panel.getByRole("button", { name: "Read and understood" }).click();
    await expect(panel.getByText(/^You read and understood version \d+ on/)).toBeVisible();
    await expect(panel.getByRole("button", { name: "Read and understood" })).toHaveCount(0);

    // Its place on the map: Workforce Management.
    await page.getByRole("link", { name: "See Workforce Management on the MOF map" }).click();
    await expect(page.locator("#smf-WORKFORCE_MANAGEMENT").getByRole("link", { name: READING.title })).toBeVisible();
  });

  test("printed, the map is one landscape page without navigation, on A4 and on Letter", async ({ page }) => {
    await signIn(page, NEW_HIRE);
    // Counted before the page is drawn: a procedure another spec adds meanwhile can only add a line.
    const live = queryDb<{ n: number }>(`SELECT COUNT(*) AS n FROM "Procedure" WHERE "archivedAt" IS NULL AND "currentVersionId" IS NOT NULL`)[0]!.n;
    await openMap(page);
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Quadrants and reviews" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
    await expect(page.getByRole("heading", { name: "MOF map", level: 1 })).toBeVisible();
    await expect(page.locator('article[id^="smf-"]')).toHaveCount(22);
    // Nothing is dropped to make it fit: every procedure keeps its line, with its cadence and figures.
    const procedures = page.locator(".mof-proc");
    expect(await procedures.count()).toBeGreaterThanOrEqual(live);
    for (const line of await procedures.all()) await expect(line).toBeVisible();
    await expect(page.locator('[data-procedure="check-backups"]')).toContainText(/— daily, (none due|\d+\/\d+ \()/);
    // page.pdf() prints with the media in force: emulating "screen" here would print the screen layout.
    await page.emulateMedia({ media: null });

    for (const format of ["A4", "Letter"] as const) {
      // The page's own @page rule decides the orientation.
      const pdf = await page.pdf({ format, preferCSSPageSize: true, printBackground: true });
      expect(pdfPageCount(pdf), `${format}: pages`).toBe(1);
      const { width, height } = firstMediaBox(pdf);
      expect(width, `${format}: landscape`).toBeGreaterThan(height);
    }
  });
});
