// The standard tool set's pure rules: versions approved or not, answers read into the deployment
// record, deviations, the verification checklist, and the sentences that refuse.
import { describe, expect, it } from "vitest";
import { ProcedureContentSchema } from "@/lib/procedures/schemas";
import {
  deviationsOf,
  foundFromAnswer,
  readFoundVersion,
  retireRefusal,
  toolChangeTypeProblem,
  toolSetItems,
  unheldRolesProblem,
  versionProblem,
  type CatalogueTool,
} from "@/lib/tools/standard-set";

const tool = (over: Partial<CatalogueTool>): CatalogueTool => ({ id: "t", slug: "t", name: "Tool", placement: "ROLES", requiredRoles: ["MAILBOX"], versioning: "OWN", approvedVersions: [], retired: false, ...over });
const exmon = tool({ id: "exmon", slug: "exmon", name: "ExMon", approvedVersions: ["6.1.0"] });
const isinteg = tool({ id: "isinteg", slug: "isinteg", name: "ISInteg", versioning: "EXCHANGE" });
const queueViewer = tool({ id: "qv", slug: "queue-viewer", name: "Queue Viewer", versioning: "EXCHANGE", requiredRoles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"] });
const jetstress = tool({ id: "js", slug: "jetstress", name: "Jetstress", placement: "LAB_ONLY", requiredRoles: [] });
const eventViewer = tool({ id: "ev", slug: "event-viewer", name: "Event Viewer", placement: "NONE", requiredRoles: [] });
const at = new Date("2026-12-09T07:00:00Z");
const mbx = { id: "m", name: "EXMBX01", roles: ["MAILBOX"], exchangeBuild: "08.03.0083.006" };
const hub = { id: "h", name: "EXHUB01", roles: ["HUB_TRANSPORT"], exchangeBuild: "" };

describe("versions", () => {
  it("accepts an approved version whatever its case and blanks, and says which are approved otherwise", () => {
    expect(versionProblem(exmon, " 6.1.0 ", "")).toBeNull();
    expect(versionProblem(exmon, "6.2", "")).toBe("Version 6.2 of ExMon is not approved (approved: 6.1.0).");
    expect(versionProblem(tool({ name: "X" }), "1", "")).toBe("Version 1 of X is not approved: no version of it is approved yet.");
  });
  it("holds a tool that ships with Exchange to the server's build, once the build is known", () => {
    expect(versionProblem(isinteg, "08.03.0083.006", "08.03.0083.006")).toBeNull();
    expect(versionProblem(isinteg, "08.01.0240.006", "")).toBeNull();
    expect(versionProblem(isinteg, "08.01.0240.006", "08.03.0083.006")).toContain("takes the server's build (08.03.0083.006)");
  });
  it("reads 'not installed' and its synonyms as absent", () => {
    for (const text of ["", "not installed", "None", " - ", "N/A", "missing"]) expect(readFoundVersion(text)).toEqual({ present: false, version: "" });
    expect(readFoundVersion(" 6.1.0 ")).toEqual({ present: true, version: "6.1.0" });
  });
});

describe("answers into the deployment record", () => {
  it("maps each kind of item to present and version, and ignores not applicable", () => {
    expect(foundFromAnswer(isinteg, { outcome: "PASS", value: "Present" }, "8.3")).toEqual({ present: true, installedVersion: "8.3" });
    expect(foundFromAnswer(isinteg, { outcome: "FAIL", value: "Missing" }, "8.3")).toEqual({ present: false, installedVersion: "" });
    expect(foundFromAnswer(jetstress, { outcome: "FAIL", value: "Installed" }, "")).toEqual({ present: true, installedVersion: "" });
    expect(foundFromAnswer(exmon, { outcome: "PASS", value: "6.2" }, "")).toEqual({ present: true, installedVersion: "6.2" });
    expect(foundFromAnswer(exmon, { outcome: "NOT_APPLICABLE", value: "6.2" }, "")).toBeNull();
  });
});

describe("deviations", () => {
  it("lists missing tools, unapproved versions and lab-only tools found, and counts unverified tools apart", () => {
    const facts = [
      { serverId: "m", toolId: "exmon", present: true, installedVersion: "6.2", verifiedAt: at },
      { serverId: "m", toolId: "isinteg", present: false, installedVersion: "", verifiedAt: at },
      { serverId: "h", toolId: "js", present: true, installedVersion: "", verifiedAt: at },
      // Not required on a hub server: not a deviation whatever was found.
      { serverId: "h", toolId: "exmon", present: true, installedVersion: "0.1", verifiedAt: at },
    ];
    const { deviations, notVerified } = deviationsOf([mbx, hub], [exmon, isinteg, queueViewer, jetstress, eventViewer], facts);
    expect(deviations.map((d) => `${d.serverName} ${d.toolSlug} ${d.kind}`)).toEqual(["EXHUB01 jetstress LAB_ONLY_PRESENT", "EXMBX01 exmon UNAPPROVED_VERSION", "EXMBX01 isinteg MISSING"]);
    expect(deviations[2]!.message).toBe("EXMBX01 lacks ISInteg, which its roles require (Mailbox).");
    expect(notVerified).toEqual([{ serverId: "h", serverName: "EXHUB01", toolNames: ["Queue Viewer"] }]);
  });
  it("clears once the record shows an approved version, and ignores retired tools", () => {
    const facts = [
      { serverId: "m", toolId: "exmon", present: true, installedVersion: "6.1.0", verifiedAt: at },
      { serverId: "m", toolId: "isinteg", present: false, installedVersion: "", verifiedAt: at },
    ];
    expect(deviationsOf([mbx], [exmon, { ...isinteg, retired: true }], facts).deviations).toEqual([]);
  });
});

describe("the verification checklist", () => {
  it("asks for the build, then each tool of the set by role, lab-only tools everywhere, and is valid content", () => {
    const items = toolSetItems([exmon, isinteg, queueViewer, jetstress, eventViewer, { ...exmon, id: "old", slug: "old", name: "Old", retired: true }]);
    expect(items.map((i) => [i.key, i.kind, i.roles])).toEqual([
      ["exchange-build", "TEXT", []],
      ["tool-exmon", "TEXT", ["MAILBOX"]],
      ["tool-isinteg", "CHOICE", ["MAILBOX"]],
      ["tool-jetstress", "CHOICE", []],
      ["tool-queue-viewer", "CHOICE", ["HUB_TRANSPORT", "EDGE_TRANSPORT"]],
    ]);
    expect(items[1]!.help).toContain("Approved: 6.1.0.");
    expect(items[3]!.passChoices).toEqual(["Not installed"]);
    const content = ProcedureContentSchema.safeParse({ slug: "verify-the-standard-tool-set", title: "Verify the standard tool set", cadence: "MONTHLY", smf: "CONFIGURATION_MANAGEMENT", purpose: "p", items });
    expect(content.success).toBe(true);
  });
});

describe("refusals", () => {
  it("names every procedure that still needs a tool, and nothing when none does", () => {
    expect(retireRefusal("ISInteg", [])).toBeNull();
    expect(retireRefusal("ISInteg", ["Verify store integrity"])).toBe('ISInteg cannot be retired: the published procedure "Verify store integrity" still needs it. Publish a version without it first.');
    expect(retireRefusal("EMS", ["b", "a"])).toContain('the published procedures "a", "b" still need it');
  });
  it("refuses roles nobody holds, and Standard and Emergency tool changes", () => {
    expect(unheldRolesProblem(["MAILBOX"], new Set(["MAILBOX"]))).toBeNull();
    expect(unheldRolesProblem(["UNIFIED_MESSAGING", "MAILBOX"], new Set(["MAILBOX"]))).toContain("Unified Messaging role;");
    expect(toolChangeTypeProblem("NORMAL")).toBeNull();
    expect(toolChangeTypeProblem("STANDARD")).toContain("Normal change");
    expect(toolChangeTypeProblem("EMERGENCY")).toContain("Normal change");
  });
});
