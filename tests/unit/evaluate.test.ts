import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, parseNumber, type EvaluableItem } from "@/lib/runs/evaluate";

const queue: EvaluableItem = { kind: "NUMBER", text: "Submission queue length", unit: "messages", min: null, max: 100, choices: [], passChoices: [] };
const memory: EvaluableItem = { kind: "NUMBER", text: "Available MBytes", unit: "MB", min: 100, max: null, choices: [], passChoices: [] };
const copyStatus: EvaluableItem = { kind: "CHOICE", text: "SummaryCopyStatus", unit: null, min: null, max: null, choices: ["Healthy", "Copying", "Failed"], passChoices: ["Healthy"] };

describe("numbers", () => {
  it("parses plain, negative, decimal and thousands-separated numbers and refuses the rest", () => {
    expect([parseNumber("180"), parseNumber(" -3 "), parseNumber("12.5"), parseNumber("1,234"), parseNumber("1 234")]).toEqual([180, -3, 12.5, 1234, 1234]);
    for (const bad of ["", "abc", "12,5", "1e5", "0x10", "1.2.3", "--1", "Infinity", "NaN", "12,34"]) expect(parseNumber(bad), bad).toBeNull();
  });

  it("fails a value above the maximum with the reason in words, and passes one within it", () => {
    expect(evaluate(queue, { outcome: "PASS", value: "180" })).toEqual({
      ok: true,
      outcome: "FAIL",
      valueNumber: 180,
      valueText: null,
      failureReason: "Submission queue length 180 messages exceeds the maximum of 100 messages",
      limitMin: null,
      limitMax: 100,
    });
    expect(evaluate(queue, { outcome: "PASS", value: "100" })).toMatchObject({ ok: true, outcome: "PASS", failureReason: null });
    expect(evaluate(memory, { outcome: "PASS", value: "64" })).toMatchObject({ outcome: "FAIL", failureReason: "Available MBytes 64 MB is below the minimum of 100 MB" });
  });

  it("never passes a value outside the range, whatever the operator chose", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.constantFrom("PASS", "FAIL") as fc.Arbitrary<"PASS" | "FAIL">, (value, outcome) => {
        const result = evaluate(queue, { outcome, value: String(value) });
        expect(result.ok).toBe(true);
        if (result.ok && value > 100) expect(result.outcome).toBe("FAIL");
        if (result.ok && value <= 100) expect(result.outcome).toBe(outcome);
      }),
    );
  });

  it("asks for a number when the value is missing or not a number", () => {
    expect(evaluate(queue, { outcome: "PASS", value: "" })).toEqual({ ok: false, field: "value", message: "Enter the measured value in messages." });
    expect(evaluate(queue, { outcome: "PASS", value: "many" })).toMatchObject({ ok: false, field: "value" });
    expect(evaluate(queue, { outcome: "NOT_APPLICABLE", value: "" })).toMatchObject({ ok: true, outcome: "NOT_APPLICABLE" });
  });
});

describe("choices, text and checks", () => {
  it("fails a choice outside the passing ones and refuses an unknown choice", () => {
    expect(evaluate(copyStatus, { outcome: "PASS", value: "Healthy" })).toMatchObject({ ok: true, outcome: "PASS" });
    expect(evaluate(copyStatus, { outcome: "PASS", value: "Failed" })).toMatchObject({ ok: true, outcome: "FAIL", failureReason: "SummaryCopyStatus is Failed, expected Healthy" });
    expect(evaluate(copyStatus, { outcome: "PASS", value: "Fine" })).toMatchObject({ ok: false, message: "Choose one of: Healthy, Copying, Failed." });
  });

  it("needs text for a text item, and takes the operator's outcome for a check", () => {
    const text: EvaluableItem = { ...copyStatus, kind: "TEXT", choices: [], passChoices: [] };
    expect(evaluate(text, { outcome: "PASS", value: "  " })).toMatchObject({ ok: false, message: "Write down what you found." });
    expect(evaluate({ ...text, kind: "CHECK" }, { outcome: "FAIL", value: "" })).toMatchObject({ ok: true, outcome: "FAIL" });
  });
});

describe("not applicable on a required item", () => {
  const required = { kind: "CHECK", text: "Backups completed", unit: null, min: null, max: null, choices: [], passChoices: [], required: true };
  it("needs a reason in the note", () => {
    expect(evaluate(required, { outcome: "NOT_APPLICABLE", value: "", note: "" })).toMatchObject({ ok: false, field: "note" });
    expect(evaluate(required, { outcome: "NOT_APPLICABLE", value: "", note: "   n/a " })).toMatchObject({ ok: false, field: "note" });
    expect(evaluate(required, { outcome: "NOT_APPLICABLE", value: "", note: "Storage group moved to EXMBX02" })).toMatchObject({ ok: true, outcome: "NOT_APPLICABLE" });
  });
  it("needs none on an optional item", () => {
    expect(evaluate({ ...required, required: false }, { outcome: "NOT_APPLICABLE", value: "", note: "" })).toMatchObject({ ok: true, outcome: "NOT_APPLICABLE" });
  });
});
