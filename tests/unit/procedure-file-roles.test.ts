import { describe, expect, it } from "vitest";
import { parseProcedureFile, serializeProcedure } from "@/lib/procedures/files";
import type { ProcedureContent } from "@/lib/procedures/schemas";

const content: ProcedureContent = {
  slug: "queue-volume",
  title: "Queue volume",
  cadence: "DAILY",
  roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"],
  smf: "STORAGE_MANAGEMENT",
  relatedSmfs: [],
  purpose: "Watch the queue volume.",
  body: "On {{server}}, look at {{var:queueDrive}}.",
  items: [
    { key: "free", kind: "NUMBER", text: "Queue volume free space", help: "", required: true, unit: "%", min: 10, counter: "LogicalDisk({{var:queueDrive}})\\% Free Space", choices: [], passChoices: [], roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"] },
    { key: "done", kind: "CHECK", text: "Done", help: "", required: true, choices: [], passChoices: [], roles: [] },
  ],
  tools: [{ tool: "exchange-management-shell", command: "Get-Queue -Server {{server}}", purpose: "" }],
  references: [],
  managementReview: "",
  reviewIntervalMonths: 12,
};

describe("item roles in procedure files", () => {
  it("writes a roles list for a limited item, none for the others, and reads both back", () => {
    const text = serializeProcedure(content);
    expect(text).toContain("    roles: [HUB_TRANSPORT, EDGE_TRANSPORT]\n");
    expect(text.match(/^ {4}roles:/gm)).toHaveLength(1);
    expect(text).toContain("command: Get-Queue -Server {{server}}");
    const parsed = parseProcedureFile("queue-volume.md", text);
    expect(parsed.ok && parsed.procedure.content).toEqual(content);
  });

  it("reads files written before items had roles as items for every server", () => {
    const old = serializeProcedure(content).replace("    roles: [HUB_TRANSPORT, EDGE_TRANSPORT]\n", "");
    const parsed = parseProcedureFile("queue-volume.md", old);
    expect(parsed.ok && parsed.procedure.content.items[0]!.roles).toEqual([]);
  });

  it("names an unknown role by file and line", () => {
    const bad = serializeProcedure(content).replace("roles: [HUB_TRANSPORT, EDGE_TRANSPORT]\n    unit", "roles: [HUB_TRANSPORT, DOMAIN_CONTROLLER]\n    unit");
    const parsed = parseProcedureFile("queue-volume.md", bad);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems).toEqual([expect.objectContaining({ file: "queue-volume.md", message: "Unknown Exchange role." })]);
  });
});
