import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  describeActor,
  describeEvent,
  describeRecord,
  fieldChanges,
  fieldLabel,
  MAX_NAMED_IN_LIST,
  SHORT_VALUE,
  runName,
  wantedNames,
  type Names,
  type RecordName,
  type StoredEvent,
} from "@/lib/audit/describe";
import { parseAuditFilter } from "@/lib/audit/filters";
import { ACTION_LABELS, actionLabel, actionTitle, groupActions, isAutomaticActor } from "@/lib/audit/labels";
import { STATUS_STEPS } from "@/lib/incidents/workflow";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.parentPath.includes("generated"))
    .map((e) => path.join(e.parentPath, e.name));
}

/**
 * Every action code the portal's code can write: the string literals after `action:` in lib/ and
 * scripts/ (audit inputs, and a few where-clauses naming the same codes), and the one code built
 * from a template, `incident.${input.step}`, expanded over the steps it takes. Any other template
 * fails the test, so a new computed code cannot slip past the labels.
 */
function writtenActionCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of [...sourceFiles("lib"), ...sourceFiles("scripts")]) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/\baction:\s*([^\n]*)/g)) {
      const expression = match[1]!;
      for (const literal of expression.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) codes.add(literal[1]!);
      const template = /^`([^`]*)`/.exec(expression);
      if (template) {
        expect(`${path.relative(root, file)}: ${template[1]}`).toBe("lib/incidents/actions.ts: incident.${input.step}");
        for (const step of STATUS_STEPS) codes.add(`incident.${step}`);
      }
    }
  }
  return codes;
}

const NAMES: Names = {
  User: new Map<string, RecordName>([["u1", { label: "Oscar Operator", href: "/admin/users" }]]),
  Run: new Map([["r1", runName({ id: "r1", localDate: "2026-12-07", title: "Check CPU and memory use", server: "EXMBX01" })]]),
  ChecklistItem: new Map([["i1", { label: "CPU use below 80 % over the last hour", href: null }]]),
  Schedule: new Map([["s1", { label: "Check CPU and memory use · weekdays", href: "/admin/schedules" }]]),
  Server: new Map([["sv1", { label: "EXMBX01", href: null }]]),
};

function event(over: Partial<StoredEvent>): StoredEvent {
  return {
    seq: 1,
    at: new Date("2026-12-07T01:02:00Z"),
    actorId: "u1",
    actorLabel: "oscar@example.com",
    action: "result.correct",
    entityType: "Run",
    entityId: "r1",
    before: null,
    after: null,
    ip: "127.0.0.1",
    userAgent: "Mozilla/5.0",
    ...over,
  };
}

// The correction from the UX review's screenshot of the old page.
const CORRECTION = event({
  before: JSON.stringify({ itemId: "i1", note: "", outcome: "FAIL", resultId: "res1", revision: 1, valueNumber: 95, valueText: null }),
  after: JSON.stringify({
    failureReason: null,
    id: "res2",
    itemId: "i1",
    note: "Correction: misread 88 as 95",
    outcome: "PASS",
    resultId: "res2",
    revision: 2,
    runCompleted: false,
    runState: "COMPLETED_WITH_EXCEPTIONS",
    valueNumber: 88,
    valueText: null,
  }),
});

describe("action labels", () => {
  it("label every action code the code writes", () => {
    const codes = writtenActionCodes();
    // The scan must find the codes, or this test would pass on nothing.
    for (const known of ["result.record", "result.correct", "run.generate", "user.deactivate", "user.reactivate", "incident.resolve", "auth.sign_in_failed", "procedure.publish", "change.verification_reopened"]) {
      expect(codes, known).toContain(known);
    }
    expect(codes.size).toBeGreaterThan(50);
    const missing = [...codes].filter((code) => !Object.hasOwn(ACTION_LABELS, code));
    expect(missing, "action codes without a label in lib/audit/labels.ts").toEqual([]);
  });

  it("fall back to the code for an unknown action, and read as a phrase otherwise", () => {
    expect(actionLabel("result.correct")).toBe("corrected a result");
    expect(actionLabel("run.generate")).toBe("generated a run");
    expect(actionLabel("procedure.publish")).toBe("published a version");
    expect(actionLabel("legacy.thing")).toBe("legacy.thing");
    expect(actionLabel("constructor")).toBe("constructor");
    expect(actionTitle("result.record")).toBe("Recorded a result");
    expect(actionTitle("legacy.thing")).toBe("legacy.thing");
  });

  it("group the filter's actions by area, labels shown and codes kept as values", () => {
    const groups = groupActions(["run.generate", "result.record", "result.correct", "legacy.thing"]);
    expect(groups.map((g) => g.label)).toEqual(["legacy", "Results", "Runs"]);
    expect(groups[1]!.actions).toEqual([
      { code: "result.correct", label: "Corrected a result" },
      { code: "result.record", label: "Recorded a result" },
    ]);
  });
});

describe("actors", () => {
  it("show a person's current name, the stored label when the account is unknown, and System for the portal", () => {
    expect(describeActor(event({}), NAMES)).toEqual({ name: "Oscar Operator", detail: null, automatic: false });
    expect(describeActor(event({ actorId: "gone" }), NAMES).name).toBe("oscar@example.com");
    expect(describeActor(event({ actorId: null, actorLabel: "system:scheduler" }), NAMES)).toEqual({ name: "System", detail: "run generation", automatic: true });
    expect(describeActor(event({ actorId: null, actorLabel: "system:something-new" }), NAMES)).toMatchObject({ name: "System", detail: "something-new" });
    expect(describeActor(event({ actorId: null, actorLabel: "cli" }), NAMES)).toMatchObject({ name: "Command line", automatic: false });
    // A sign-in attempt for an address with no account is a person's, not the portal's.
    expect(describeActor(event({ actorId: null, actorLabel: "nobody@example.com" }), NAMES)).toMatchObject({ name: "nobody@example.com", automatic: false });
    expect(isAutomaticActor(null, "system:seed")).toBe(true);
    expect(isAutomaticActor("u1", "system:seed")).toBe(false);
    expect(isAutomaticActor(null, "cli")).toBe(false);
  });
});

describe("records", () => {
  it("name a run by procedure, server and local date, and link to it", () => {
    expect(describeRecord(event({}), NAMES, "ADMIN")).toEqual({
      label: "Check CPU and memory use — EXMBX01 · 7 Dec 2026",
      href: "/runs/r1",
      unknown: false,
      timelineHref: "/audit?entityType=Run&entityId=r1",
    });
    expect(runName({ id: "r2", localDate: "2026-12-09", title: "Check backups", server: null }).label).toBe("Check backups · 9 Dec 2026");
  });

  it("fall back to the kind and id for deleted or unknown records", () => {
    expect(describeRecord(event({ entityId: "r404" }), NAMES, "ADMIN")).toMatchObject({ label: "Run r404", href: null, unknown: true });
    expect(describeRecord(event({ entityType: "Gadget", entityId: "g1" }), NAMES, "ADMIN")).toMatchObject({ label: "Gadget g1", unknown: true });
    expect(describeRecord(event({ entityType: "MaintenanceWindow", entityId: "m1" }), NAMES, "ADMIN").label).toBe("Maintenance window m1");
  });

  it("name the one-of-a-kind records, linking only where the reader may go", () => {
    expect(describeRecord(event({ entityType: "OrganisationSettings", entityId: "1" }), NAMES, "ADMIN")).toMatchObject({ label: "Organisation settings", href: "/admin/settings" });
    expect(describeRecord(event({ entityType: "OrganisationSettings", entityId: "1" }), NAMES, "MANAGER")).toMatchObject({ label: "Organisation settings", href: null });
    expect(describeRecord(event({ entityType: "ReadingList", entityId: "OPERATOR" }), NAMES, "MANAGER").label).toBe("Reading list of operators");
    expect(describeRecord(event({ entityType: "ProcedureLibrary", entityId: "procedures" }), NAMES, "MANAGER")).toMatchObject({ label: "Procedure library", href: "/procedures" });
  });
});

describe("before and after", () => {
  it("show a correction as the fields that changed, ids named, the rest on request", () => {
    const changes = fieldChanges(CORRECTION, NAMES, "UTC");
    expect(changes.mode).toBe("change");
    const table = changes.changed.map((r) => [r.field, r.before?.text, r.after?.text]);
    expect(table).toEqual([
      ["Outcome", "Fail", "Pass"],
      ["Value", "95", "88"],
      ["Note", "(empty)", "Correction: misread 88 as 95"],
      ["Result id", "res1", "res2"],
      ["Revision", "1", "2"],
      ["Run state", "—", "Completed with exceptions"],
    ]);
    const rest = changes.unchanged.map((r) => [r.field, r.before?.text, r.after?.text]);
    expect(rest).toContainEqual(["Checklist item", "CPU use below 80 % over the last hour", "CPU use below 80 % over the last hour"]);
    expect(rest).toContainEqual(["Failure reason", "—", "—"]);
    expect(rest).toContainEqual(["Run completed", "—", "no"]);
    // "id" repeats resultId: left out.
    expect([...changes.changed, ...changes.unchanged].map((r) => r.key)).not.toContain("id");
  });

  it("show a new record's fields with something in them, dates in words and the rest on request", () => {
    const generated = event({
      actorId: null,
      actorLabel: "system:scheduler",
      action: "run.generate",
      after: JSON.stringify({ dueAt: "2026-12-09T10:00:00.000Z", localDate: "2026-12-09", scheduleId: "s1", serverId: "sv1", suppressed: false }),
    });
    const changes = fieldChanges(generated, NAMES, "Europe/London");
    expect(changes.mode).toBe("created");
    expect(changes.changed.map((r) => [r.field, r.before, r.after?.text])).toEqual([
      ["Due", null, "9 Dec 2026, 10:00 GMT"],
      ["Date", null, "9 Dec 2026"],
      ["Schedule", null, "Check CPU and memory use · weekdays"],
      ["Server", null, "EXMBX01"],
    ]);
    expect(changes.unchanged.map((r) => r.field)).toEqual(["Suppressed"]);
  });

  it("cut long values and keep the whole value beside them", () => {
    const long = "x".repeat(SHORT_VALUE + 40);
    const changes = fieldChanges(event({ before: JSON.stringify({ description: "short" }), after: JSON.stringify({ description: long }) }), NAMES, "UTC");
    const after = changes.changed[0]!.after!;
    expect([...after.text].length).toBe(SHORT_VALUE);
    expect(after.text.endsWith("…")).toBe(true);
    expect(after.full).toBe(long);
    expect(changes.changed[0]!.before).toEqual({ text: "short", full: null });
  });

  it("name short lists of runs and count long ones", () => {
    const few = JSON.stringify({ runIds: ["r1", "r9"] });
    const many = JSON.stringify({ withdrawnRunIds: Array.from({ length: MAX_NAMED_IN_LIST + 1 }, (_, i) => `r${i}`) });
    expect(fieldChanges(event({ after: few }), NAMES, "UTC").changed[0]!.after!.text).toBe("Check CPU and memory use — EXMBX01 · 7 Dec 2026; r9");
    expect(fieldChanges(event({ after: many }), NAMES, "UTC").changed[0]!.after!.text).toBe(`${MAX_NAMED_IN_LIST + 1} runs`);
  });

  it("read whatever is stored without throwing: removals, no fields, text that is not JSON", () => {
    expect(fieldChanges(event({ before: JSON.stringify({ name: "Boxing Day" }) }), NAMES, "UTC")).toMatchObject({ mode: "removed", changed: [{ field: "Name", before: { text: "Boxing Day" }, after: null }] });
    expect(fieldChanges(event({}), NAMES, "UTC")).toEqual({ mode: "none", changed: [], unchanged: [] });
    expect(fieldChanges(event({ after: "not json" }), NAMES, "UTC").changed[0]!.after!.text).toBe("not json");
    expect(fieldChanges(event({ after: "[1,2]" }), NAMES, "UTC").changed[0]!.after!.text).toBe("1, 2");
    expect(fieldLabel("failureReason")).toBe("Failure reason");
    expect(fieldLabel("withdrawnRunIds")).toBe("Runs withdrawn");
  });

  it("describe a whole event for the page, raw JSON and request kept for the detail view", () => {
    const view = describeEvent(CORRECTION, NAMES, "ADMIN", "UTC");
    expect(view).toMatchObject({
      seq: 1,
      at: "7 Dec 2026, 01:02 UTC",
      actor: { name: "Oscar Operator" },
      action: { code: "result.correct", label: "corrected a result" },
      record: { label: "Check CPU and memory use — EXMBX01 · 7 Dec 2026", href: "/runs/r1" },
      request: { ip: "127.0.0.1", userAgent: "Mozilla/5.0" },
    });
    expect(view.raw.after).toContain('\n  "valueNumber": 88');
  });
});

describe("names a page needs", () => {
  it("gathers actors, records and known foreign keys, one set per kind", () => {
    const wanted = wantedNames([
      CORRECTION,
      event({ actorId: null, actorLabel: "system:scheduler", entityId: "r2", after: JSON.stringify({ scheduleId: "s1", serverId: null }) }),
      event({ entityType: "Incident", entityId: "7", after: JSON.stringify({ problemId: 3, assigneeId: "u2" }) }),
      event({ entityType: "Incident", entityId: "nobody@example.com" }),
      event({ entityType: "OrganisationSettings", entityId: "1", after: JSON.stringify({ withdrawnRunIds: Array.from({ length: MAX_NAMED_IN_LIST + 1 }, (_, i) => `w${i}`) }) }),
    ]);
    expect(Object.fromEntries([...wanted].map(([kind, ids]) => [kind, [...ids].sort()]))).toEqual({
      User: ["u1", "u2"],
      Run: ["r1", "r2"],
      ChecklistItem: ["i1"],
      Schedule: ["s1"],
      Incident: ["7"],
      Problem: ["3"],
    });
  });
});

describe("the people-only view in the filter", () => {
  it("accepts people and everything, and explains anything else", () => {
    expect(parseAuditFilter({ who: "people" }).data?.who).toBe("people");
    expect(parseAuditFilter({ who: "everything" }).data?.who).toBe("everything");
    expect(parseAuditFilter({ who: "" }).data?.who).toBeUndefined();
    expect(parseAuditFilter({ who: "robots" }).error?.issues[0]?.message).toBe("Show either everything or people only.");
  });
});
