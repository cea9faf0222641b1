// The run page's pure pieces: earlier values and their trend, units, the keyboard map and the
// sentences the page says once.
import { describe, expect, it } from "vitest";
import { isOutOfRange, previousValuesByKey, sparkline, type PreviousValueRow } from "@/lib/runs/previous-values";
import { quantity, unitFor } from "@/components/runs/quantity";
import { isTyping, runKeyAction, RUN_KEYS } from "@/components/runs/keys";
import { leftOutSentence, progressText } from "@/components/runs/run-status";
import { expectation } from "@/components/procedures/checklist-table";

const row = (key: string, value: number | null, day: number): PreviousValueRow => ({ key, value, localDate: `2026-12-${String(day).padStart(2, "0")}`, runId: `run-${day}` });

describe("earlier values", () => {
  const items = [
    { key: "cpu", kind: "NUMBER", min: null, max: 90 },
    { key: "free", kind: "NUMBER", min: 10, max: null },
    { key: "ok", kind: "CHECK", min: null, max: null },
  ];

  it("are shaped per key: the last one, and the trend oldest first, marked against the current range", () => {
    // Newest first, as the query returns them.
    const rows = [row("cpu", 95, 8), row("cpu", 40, 7), row("cpu", 60, 6), row("free", 5, 8), row("free", 25n as unknown as number, 7)];
    const shaped = previousValuesByKey(rows, items);
    const cpu = shaped.get("cpu")!;
    expect(cpu.last).toEqual({ value: 95, localDate: "2026-12-08", runId: "run-8", outOfRange: true });
    expect(cpu.points.map((p) => p.value)).toEqual([60, 40, 95]);
    expect(cpu.outOfRange).toBe(1);
    const free = shaped.get("free")!;
    expect(free.points.map((p) => [p.value, p.outOfRange])).toEqual([
      [25, false],
      [5, true],
    ]);
    expect(shaped.has("ok")).toBe(false);
  });

  it("keep at most ten per key, skip empty values and keys the run no longer has as numbers", () => {
    const rows = [...Array.from({ length: 14 }, (_, i) => row("cpu", i, 28 - i)), row("cpu", null, 1), row("gone", 3, 8), row("ok", 1, 8)];
    const shaped = previousValuesByKey(rows, items);
    expect(shaped.get("cpu")!.points).toHaveLength(10);
    expect(shaped.get("cpu")!.last.value).toBe(0);
    expect(shaped.get("cpu")!.points.at(0)!.value).toBe(9);
    expect([...shaped.keys()]).toEqual(["cpu"]);
  });

  it("are out of range only past a limit, limits included in the range", () => {
    expect(isOutOfRange(90, { min: null, max: 90 })).toBe(false);
    expect(isOutOfRange(90.01, { min: null, max: 90 })).toBe(true);
    expect(isOutOfRange(10, { min: 10, max: null })).toBe(false);
    expect(isOutOfRange(-1, { min: 0, max: 0 })).toBe(true);
    expect(isOutOfRange(1e9, { min: null, max: null })).toBe(false);
  });

  it("draw a trend inside its box, a flat series across the middle, and only the limits inside the span", () => {
    const shape = sparkline([10, 20, 30, 95], { min: null, max: 90 }, 84, 22, 3);
    expect(shape.dots).toHaveLength(4);
    for (const d of shape.dots) {
      expect(d.x).toBeGreaterThanOrEqual(0);
      expect(d.x).toBeLessThanOrEqual(84);
      expect(d.y).toBeGreaterThanOrEqual(3);
      expect(d.y).toBeLessThanOrEqual(19);
    }
    expect(shape.dots[0]).toMatchObject({ x: 3, y: 19, outOfRange: false });
    expect(shape.dots[3]).toMatchObject({ x: 81, y: 3, outOfRange: true });
    expect(shape.limits).toEqual([{ y: 3.9, kind: "max" }]);
    expect(shape.line.split(" ")).toHaveLength(4);
    // A limit far from the values is not drawn (it would flatten the line).
    expect(sparkline([1, 2, 3], { min: null, max: 100 }).limits).toEqual([]);
    expect(sparkline([5, 5, 5], { min: null, max: 4 }).dots.map((d) => d.y)).toEqual([11, 11, 11]);
  });
});

describe("units", () => {
  it("are singular for one of a plural word unit, and symbols stay as they are", () => {
    expect(quantity(1, "threads")).toBe("1 thread");
    expect(quantity(2, "threads")).toBe("2 threads");
    expect(quantity(0, "messages")).toBe("0 messages");
    expect(quantity(-1, "messages")).toBe("-1 message");
    expect(quantity(1, "stalls/s")).toBe("1 stall/s");
    expect(quantity(1, "%")).toBe("1%");
    expect(quantity(95, "min")).toBe("95 min");
    expect(quantity(1, "ms")).toBe("1 ms");
    expect(quantity(1, "MB")).toBe("1 MB");
    expect(quantity(1, "s")).toBe("1 s");
    expect(quantity(1.5, "threads")).toBe("1.5 threads");
    expect(quantity(12.5, null)).toBe("12.5");
    expect(unitFor(1, "entries")).toBe("entry");
    expect(unitFor(1, "mailboxes")).toBe("mailbox");
    expect(unitFor(1, "status")).toBe("status");
    expect(unitFor(1, "count")).toBe("count");
  });

  it("check items say what to do: there is no tick", () => {
    expect(expectation({ kind: "CHECK", unit: null, min: null, max: null, choices: [], passChoices: [] })).toBe("Check, then mark Pass");
  });
});

describe("keyboard", () => {
  const on = (tagName: string, isContentEditable = false) => ({ tagName, isContentEditable });

  it("maps the keys when the user is not typing", () => {
    expect(runKeyAction({ key: "j" })).toBe("next");
    expect(runKeyAction({ key: "ArrowDown", target: on("LI") })).toBe("next");
    expect(runKeyAction({ key: "k", target: on("BUTTON") })).toBe("previous");
    expect(runKeyAction({ key: "ArrowUp" })).toBe("previous");
    expect(runKeyAction({ key: "p" })).toBe("pass");
    expect(runKeyAction({ key: "f" })).toBe("fail");
    expect(runKeyAction({ key: "n" })).toBe("na");
    expect(runKeyAction({ key: "v" })).toBe("value");
    expect(runKeyAction({ key: "?", shiftKey: true })).toBe("help");
  });

  it("never fires while typing, with a modifier or for other keys; Escape leaves a field", () => {
    for (const tag of ["INPUT", "TEXTAREA", "SELECT", "input"]) {
      for (const key of ["j", "k", "p", "f", "n", "v", "?", "ArrowDown", "Enter"]) expect(runKeyAction({ key, target: on(tag) }), `${key} in ${tag}`).toBeNull();
      expect(runKeyAction({ key: "Escape", target: on(tag) })).toBe("leave");
    }
    expect(runKeyAction({ key: "p", target: on("DIV", true) })).toBeNull();
    expect(runKeyAction({ key: "p", ctrlKey: true })).toBeNull();
    expect(runKeyAction({ key: "f", metaKey: true })).toBeNull();
    expect(runKeyAction({ key: "j", altKey: true })).toBeNull();
    expect(runKeyAction({ key: "P", shiftKey: true })).toBeNull();
    expect(runKeyAction({ key: "ArrowDown", shiftKey: true })).toBeNull();
    expect(runKeyAction({ key: "x" })).toBeNull();
    expect(runKeyAction({ key: "Escape" })).toBeNull();
    expect(isTyping(null)).toBe(false);
  });

  it("lists every key it maps in the help", () => {
    const listed = RUN_KEYS.flatMap((k) => k.keys);
    for (const key of ["j", "k", "p", "f", "n", "v", "?", "Esc", "Enter", "↓", "↑"]) expect(listed).toContain(key);
  });
});

describe("said once on the page", () => {
  it("the progress: required items, failures and N/A exceptions", () => {
    expect(progressText({ requiredDone: 3, requiredTotal: 9, failedItems: 0, naItems: 0 })).toBe("3 of 9 required");
    expect(progressText({ requiredDone: 9, requiredTotal: 9, failedItems: 1, naItems: 2 })).toBe("9 of 9 required · 1 failure · 2 N/A exceptions");
    expect(progressText({ requiredDone: 9, requiredTotal: 9, failedItems: 2, naItems: 1 })).toBe("9 of 9 required · 2 failures · 1 N/A exception");
  });

  it("the items left out, with the roles they are for and the roles the server holds", () => {
    expect(leftOutSentence([{ roles: ["MAILBOX"] }, { roles: ["MAILBOX"] }], { name: "EXCAS01", roles: ["CLIENT_ACCESS"] })).toBe(
      "2 items left out: they apply to Mailbox servers; EXCAS01 holds Client Access.",
    );
    expect(leftOutSentence([{ roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"] }], { name: "EXMBX01", roles: ["MAILBOX", "CLIENT_ACCESS"] })).toBe(
      "1 item left out: it applies to Edge Transport or Hub Transport servers; EXMBX01 holds Client Access and Mailbox.",
    );
    expect(leftOutSentence([{ roles: ["MAILBOX"] }], { name: "EXNEW01", roles: [] })).toBe("1 item left out: it applies to Mailbox servers; EXNEW01 holds no Exchange role.");
  });
});
