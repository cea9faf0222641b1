// Server-rendered markup of the small shell primitives, checked without a browser.
import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { MonthGrid } from "@/components/ui/month-grid";
import { PathText } from "@/components/ui/path-text";

describe("PathText", () => {
  it("lets a counter path break only after its backslashes", () => {
    const html = renderToStaticMarkup(<PathText path={"\\Processor(_Total)\\% Processor Time"} />);
    expect(html).toBe('<span class="path-text ">\\<wbr/>Processor(_Total)\\<wbr/>% Processor Time</span>');
  });

  it("keeps a name without backslashes whole, and escapes what it shows", () => {
    expect(renderToStaticMarkup(<PathText path="<EXMBX01>" className="text-xs" />)).toBe('<span class="path-text text-xs">&lt;EXMBX01&gt;</span>');
  });
});

describe("MonthGrid", () => {
  const days = [
    { date: "2026-11-30", inMonth: false, n: 3 },
    { date: "2026-12-01", inMonth: true, n: 0 },
    { date: "2026-12-02", inMonth: true, n: 2 },
    { date: "2026-12-09", inMonth: true, n: 0 },
  ];
  const html = renderToStaticMarkup(
    <MonthGrid days={days} today="2026-12-09" label="December 2026" hasEntries={(d) => d.n > 0} renderDay={(d) => <p>{d.n} entries</p>} emptyMessage="Nothing planned." />,
  );
  /** The opening tag of a day's <li> (its classes decide the narrow layout), found by its day number. */
  const cell = (date: string) => {
    const items = html.split("<li ").slice(1);
    const item = items.find((li) => li.includes(`aria-hidden="true" class="max-md:hidden">${Number(date.slice(8))}</span>`));
    return item ? `<li ${item.slice(0, item.indexOf(">") + 1)}` : "";
  };

  it("names the list, heads each day with its full date and marks today", () => {
    expect(html).toContain('<ol class="-mb-px md:mb-0 md:grid md:grid-cols-7" aria-label="December 2026">');
    expect(html).toMatch(/<span class="md:sr-only">Wednesday,? 2 December 2026<\/span>/);
    expect(cell("2026-12-09")).toContain('aria-current="date"');
    expect(html.match(/aria-current="date"/g)).toHaveLength(1);
  });

  it("leaves empty days and other months' days out of the narrow list, but not today", () => {
    expect(cell("2026-11-30")).toContain("max-md:hidden");
    expect(cell("2026-12-01")).toContain("max-md:hidden");
    expect(cell("2026-12-02")).not.toContain("max-md:hidden");
    expect(cell("2026-12-09")).not.toContain("max-md:hidden");
    // Something is on: no empty-period message.
    expect(html).not.toContain("Nothing planned.");
  });

  it("says so when nothing in the period has entries", () => {
    const empty = renderToStaticMarkup(<MonthGrid days={days} today="2026-12-09" label="x" hasEntries={() => false} renderDay={() => null} emptyMessage="Nothing planned." />);
    expect(empty).toContain("Nothing planned.");
  });
});
