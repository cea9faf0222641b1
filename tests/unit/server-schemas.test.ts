import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsOf } from "@/lib/actions/map-error";
import { formDataToObject } from "@/lib/actions/form-data";
import { DefineVariableSchema, ServerFieldsSchema, UpdateVariableSchema } from "@/lib/servers/schemas";
import { seedServers } from "@/prisma/seed/library";

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
};
const server = { name: "EXMBX01", fqdn: "exmbx01.contoso.local", site: "London-HQ", roles: "MAILBOX" };

describe("what a server may be called (values that end up in commands)", () => {
  it("accepts sites of letters, digits, dots and hyphens, as the seed and the tests write them", () => {
    for (const site of ["London-HQ", "London-DMZ", "HQ", "Leeds", "site.1", "Default-First-Site-Name"]) expect(errorsOf(ServerFieldsSchema, { ...server, site }), site).toEqual({});
    for (const s of seedServers) expect(errorsOf(ServerFieldsSchema, s), s.name).toEqual({});
  });

  it("refuses a site with spaces, quotes or shell characters", () => {
    for (const site of ["London HQ", "-HQ", "HQ'", 'HQ"', "HQ;x", "HQ$x", "HQ`x", "H(Q)", "HQ|x", "<b>HQ</b>"]) {
      expect(errorsOf(ServerFieldsSchema, { ...server, site }), site).toEqual({ site: ["Write the site as Active Directory names it, such as London-HQ: letters, digits, dots and hyphens, no spaces."] });
    }
  });
});

describe("storage groups and variable values on the server form", () => {
  it("reads storage groups one per line, and leaves them alone when the field is not sent", () => {
    expect(ServerFieldsSchema.parse({ ...server, storageGroups: " First Storage Group \r\n\nSG2 (Archive)\n" })).toMatchObject({ storageGroups: ["First Storage Group", "SG2 (Archive)"] });
    expect(ServerFieldsSchema.parse({ ...server, storageGroups: "" })).toMatchObject({ storageGroups: [] });
    expect(ServerFieldsSchema.parse(server)).not.toHaveProperty("storageGroups");
  });

  it("refuses a storage group name that could break out of a command, or one listed twice", () => {
    expect(errorsOf(ServerFieldsSchema, { ...server, storageGroups: "SG1\nSG'2" })).toEqual({ storageGroups: ['The storage group "SG\'2" may hold only letters, digits, spaces and . _ ( ) -.'] });
    expect(errorsOf(ServerFieldsSchema, { ...server, storageGroups: "SG1\nsg1" })).toEqual({ storageGroups: ['The storage group "sg1" is listed twice.'] });
    expect(errorsOf(ServerFieldsSchema, { ...server, storageGroups: "SG$(Stop-Computer)" })).toHaveProperty("storageGroups");
  });

  it("gathers vars.NAME form fields into the values, by variable name", () => {
    const form = new FormData();
    for (const [k, v] of [["name", "EXMBX01"], ["site", "HQ"], ["roles", "MAILBOX"], ["vars.logDrive", " e: "], ["vars.queueDrive", ""]] as const) form.append(k, v);
    expect(ServerFieldsSchema.parse(formDataToObject(form))).toMatchObject({ vars: { logDrive: "e:", queueDrive: "" } });
    expect(errorsOf(ServerFieldsSchema, { ...server, "vars.bad-name": "E:" })).toHaveProperty(["vars.bad-name"]);
  });
});

describe("placeholder variable definitions", () => {
  it("takes a camelCase name, a scope and a kind", () => {
    expect(DefineVariableSchema.parse({ name: "queueDrive", scope: "SERVER", kind: "DRIVE" })).toEqual({ name: "queueDrive", scope: "SERVER", kind: "DRIVE", description: "", value: "" });
    for (const name of ["", "1drive", "queue_drive", "queue-drive", "queue drive", "x".repeat(41), "{{server}}"]) expect(errorsOf(DefineVariableSchema, { name, scope: "SERVER", kind: "DRIVE" }), name).toHaveProperty("name");
    expect(errorsOf(DefineVariableSchema, { name: "a", scope: "GLOBAL", kind: "SHELL" })).toEqual({ scope: ["Choose per server or organisation."], kind: ["Choose what kind of value it holds."] });
    expect(UpdateVariableSchema.parse({ name: "domainController", value: " dc01 " })).toEqual({ name: "domainController", description: "", value: "dc01" });
  });
});
