import { describe, expect, it } from "vitest";
import { SettingsSchema } from "@/lib/settings/schemas";
import fc from "fast-check";
import type { z } from "zod";
import { ChangeRoleSchema, CreateUserSchema, EmailSchema, PasswordSchema, RoleSchema, SetActiveSchema, SetupSchema, SignInSchema } from "@/lib/users/schemas";
import { ServerFieldsSchema, SetServerActiveSchema, UpdateServerSchema } from "@/lib/servers/schemas";
import { ProcedureContentSchema, ReferenceSchema, SlugSchema } from "@/lib/procedures/schemas";
import { parseLibraryFilter } from "@/lib/procedures/queries";
import { asArray, formDataToObject } from "@/lib/actions/form-data";
import { fieldErrorsOf } from "@/lib/actions/define";

/** Field errors of a failed parse, keyed by path ("items.1.key"); {} when the input is valid. */
function errorsOf(schema: z.ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
}

const GOOD_PASSWORD = "plum-Tractor-91!";

// ---------------------------------------------------------------------------------------------
describe("user schemas", () => {
  it("normalises e-mail addresses to trimmed lower case", () => {
    expect(EmailSchema.parse("  Jane.Doe@Example.COM \t")).toBe("jane.doe@example.com");
    expect(SignInSchema.parse({ email: " ADMIN@EXAMPLE.TEST ", password: "x" }).email).toBe("admin@example.test");
  });

  it("rejects invalid e-mail addresses", () => {
    for (const email of ["", "   ", "jane", "jane@", "@example.com", "jane@@example.com", "jane doe@example.com", "jane@example", `${"a".repeat(250)}@example.com`, 42, null, undefined]) {
      expect(EmailSchema.safeParse(email).success, JSON.stringify(email)).toBe(false);
    }
    expect(errorsOf(EmailSchema, "jane")).toEqual({ _form: ["Enter a valid e-mail address, like name@example.com."] });
    expect(errorsOf(EmailSchema, "  ")).toEqual({ _form: expect.arrayContaining(["Enter an e-mail address."]) });
  });

  it("accepts ordinary e-mail addresses (property: lower-case output, parse is idempotent)", () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const result = EmailSchema.safeParse(email);
        if (!result.success) return; // fast-check's RFC addresses are wider than zod's practical rule
        expect(result.data).toBe(result.data.toLowerCase().trim());
        expect(EmailSchema.parse(result.data)).toBe(result.data);
      }),
    );
    expect(EmailSchema.parse("first.last+tag@sub.example.co.uk")).toBe("first.last+tag@sub.example.co.uk");
  });

  it("requires passwords of at least 12 characters", () => {
    expect(errorsOf(PasswordSchema, "Ab1!cAb1!cA")).toEqual({ _form: ["A password needs at least 12 characters."] });
    expect(PasswordSchema.safeParse("Ab1!cAb1!cAb").success).toBe(true);
    expect(PasswordSchema.safeParse("x".repeat(201)).success).toBe(false);
  });

  it("requires at least 5 different characters", () => {
    expect(errorsOf(PasswordSchema, "aaaaaaaaaaaaaaaa")).toEqual({ _form: ["A password needs at least 5 different characters."] });
    expect(errorsOf(PasswordSchema, "abcdabcdabcdabcd")).toEqual({ _form: ["A password needs at least 5 different characters."] });
    expect(PasswordSchema.safeParse("abcdeabcdeabcde").success).toBe(true);
  });

  it("refuses a password containing the e-mail name (4 characters or more), in any case", () => {
    const base = { email: "Margaret@example.com", name: "Margaret", role: "VIEWER" };
    expect(errorsOf(CreateUserSchema, { ...base, password: "xxMARGARETxx99" })).toEqual({ password: ["A password cannot contain the e-mail name."] });
    expect(errorsOf(CreateUserSchema, { ...base, password: GOOD_PASSWORD })).toEqual({});
    // A short e-mail name is not checked (it would forbid too many passwords).
    expect(errorsOf(CreateUserSchema, { ...base, email: "bob@example.com", password: "bob-the-builder-9" })).toEqual({});
    expect(
      errorsOf(SetupSchema, { email: "margaret@example.com", name: "M", password: "margaret-rules-1", confirm: "margaret-rules-1" }),
    ).toEqual({ password: ["A password cannot contain the e-mail name."] });
  });

  it("requires the setup confirmation to match the password", () => {
    const setup = { email: "admin@example.com", name: "Admin", password: GOOD_PASSWORD };
    expect(errorsOf(SetupSchema, { ...setup, confirm: GOOD_PASSWORD })).toEqual({});
    expect(errorsOf(SetupSchema, { ...setup, confirm: `${GOOD_PASSWORD} ` })).toEqual({ confirm: ["The two passwords do not match."] });
    expect(errorsOf(SetupSchema, setup)).toEqual({ confirm: ["Repeat the password."] });
  });

  it("accepts only the four roles, exactly spelt", () => {
    for (const role of ["VIEWER", "OPERATOR", "MANAGER", "ADMIN"]) expect(RoleSchema.parse(role)).toBe(role);
    for (const role of ["admin", "ROOT", "", " ADMIN", undefined, 1]) {
      expect(errorsOf(RoleSchema, role), JSON.stringify(role)).toEqual({ _form: ["Choose a role."] });
    }
    expect(errorsOf(ChangeRoleSchema, { userId: "u1", role: "SUPERUSER" })).toEqual({ role: ["Choose a role."] });
  });

  it("reports every bad field of a new user at once", () => {
    expect(Object.keys(errorsOf(CreateUserSchema, { email: "nope", name: " ", role: "KING", password: "short" })).sort()).toEqual([
      "email",
      "name",
      "password",
      "role",
    ]);
    expect(errorsOf(CreateUserSchema, { email: "a@b.co", name: "Tab\tName", role: "VIEWER", password: GOOD_PASSWORD })).toEqual({
      name: ["A name must be one line, without tabs or control characters."],
    });
  });

  it("reads 'true'/'false' from a form as booleans, nothing else", () => {
    expect(SetActiveSchema.parse({ userId: "u", active: "false" })).toEqual({ userId: "u", active: false });
    expect(SetActiveSchema.parse({ userId: "u", active: "true" })).toEqual({ userId: "u", active: true });
    expect(SetActiveSchema.safeParse({ userId: "u", active: "yes" }).success).toBe(false);
    expect(SetActiveSchema.safeParse({ userId: " ", active: "true" }).success).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
describe("server schemas", () => {
  const server = { name: "exmbx01", fqdn: "EXMBX01.Contoso.Local", site: "London-HQ", roles: "MAILBOX" };

  it("normalises the name to upper case and the host name to lower case", () => {
    expect(ServerFieldsSchema.parse(server)).toEqual({
      name: "EXMBX01",
      fqdn: "exmbx01.contoso.local",
      site: "London-HQ",
      description: "",
      roles: ["MAILBOX"],
      vars: {},
    });
  });

  it("requires a NetBIOS name: 1-15 letters, digits or hyphens, not starting with a hyphen", () => {
    for (const name of ["A", "EX-MBX-01", "x".repeat(15), "9LIVES"]) expect(ServerFieldsSchema.safeParse({ ...server, name }).success, name).toBe(true);
    for (const name of ["", "x".repeat(16), "-EXMBX", "EX MBX", "EX_MBX", "EX.MBX", "EXMBX01.contoso.local", "ÉX"]) {
      expect(errorsOf(ServerFieldsSchema, { ...server, name }), name).toEqual({
        name: ["Use the server's NetBIOS name: 1–15 letters, digits or hyphens."],
      });
    }
  });

  it("accepts a fully qualified host name or nothing", () => {
    for (const fqdn of ["", "exmbx01.contoso.local", "a.b", "edge-01.perimeter.contoso.com"]) {
      expect(ServerFieldsSchema.safeParse({ ...server, fqdn }).success, fqdn).toBe(true);
    }
    expect(ServerFieldsSchema.parse({ name: "A", site: "S", roles: "MAILBOX" }).fqdn).toBe("");
    for (const fqdn of ["exmbx01", "-a.contoso.local", "a-.contoso.local", "a..b", "a b.local", "a.b.", "http://a.b", `${"a".repeat(64)}.local`]) {
      expect(errorsOf(ServerFieldsSchema, { ...server, fqdn }), fqdn).toHaveProperty("fqdn");
    }
  });

  it("requires at least one known Exchange role", () => {
    expect(errorsOf(ServerFieldsSchema, { ...server, roles: [] })).toEqual({ roles: ["Choose at least one Exchange role."] });
    expect(errorsOf(ServerFieldsSchema, { ...server, roles: "" })).toEqual({ roles: ["Choose at least one Exchange role."] });
    expect(errorsOf(ServerFieldsSchema, { name: "A", site: "S" })).toEqual({ roles: ["Choose at least one Exchange role."] });
    expect(errorsOf(ServerFieldsSchema, { ...server, roles: ["MAILBOX", "DOMAIN_CONTROLLER"] })).toEqual({ "roles.1": ["Unknown Exchange role."] });
  });

  it("takes roles from a single string or an array", () => {
    expect(ServerFieldsSchema.parse({ ...server, roles: "HUB_TRANSPORT" }).roles).toEqual(["HUB_TRANSPORT"]);
    expect(ServerFieldsSchema.parse({ ...server, roles: ["HUB_TRANSPORT", "CLIENT_ACCESS"] }).roles).toEqual(["HUB_TRANSPORT", "CLIENT_ACCESS"]);
  });

  it("keeps Edge Transport on a server of its own", () => {
    expect(ServerFieldsSchema.parse({ ...server, roles: "EDGE_TRANSPORT" }).roles).toEqual(["EDGE_TRANSPORT"]);
    expect(errorsOf(ServerFieldsSchema, { ...server, roles: ["EDGE_TRANSPORT", "HUB_TRANSPORT"] })).toEqual({
      roles: ["In Exchange 2007 the Edge Transport role cannot share a server with other roles."],
    });
  });

  // Duplicate roles must be caught by the schema with a field error, not by the database's key.
  it("refuses or removes a role listed twice", () => {
    for (const roles of [["MAILBOX", "MAILBOX"], ["EDGE_TRANSPORT", "EDGE_TRANSPORT"]]) {
      const result = ServerFieldsSchema.safeParse({ ...server, roles });
      if (result.success) expect(result.data.roles, JSON.stringify(roles)).toEqual([roles[0]]);
      else expect(fieldErrorsOf(result.error), JSON.stringify(roles)).toHaveProperty("roles");
    }
  });

  it("requires a site, and a server id for updates", () => {
    expect(errorsOf(ServerFieldsSchema, { ...server, site: "  " })).toEqual({ site: ["Enter the Active Directory site."] });
    expect(UpdateServerSchema.safeParse(server).success).toBe(false);
    expect(UpdateServerSchema.parse({ ...server, serverId: "s1" })).toMatchObject({ serverId: "s1", name: "EXMBX01" });
    expect(SetServerActiveSchema.parse({ serverId: "s1", active: "false" })).toEqual({ serverId: "s1", active: false });
  });
});

// ---------------------------------------------------------------------------------------------
describe("ProcedureContentSchema", () => {
  const valid = {
    slug: "examine-message-queues",
    title: "Examine message queues",
    cadence: "DAILY",
    roles: ["HUB_TRANSPORT"],
    smf: "SERVICE_MONITORING_AND_CONTROL",
    purpose: "Find mail that is not moving.",
    body: "Run **Get-Queue**.",
    items: [
      { key: "submission-queue", kind: "NUMBER", text: "Submission queue length", unit: "messages", max: 100 },
      { key: "poison", kind: "CHOICE", text: "Poison queue", choices: ["Empty", "Not empty"], passChoices: ["Empty"] },
      { key: "checked", kind: "CHECK", text: "Queues checked" },
    ],
    tools: [{ tool: "exchange-management-shell", command: "Get-Queue", purpose: "List queues" }],
    references: [{ title: "Queues", url: "https://learn.microsoft.com/exchange" }],
  };
  const withItem = (item: Record<string, unknown>) => ({ ...valid, items: [item] });

  it("accepts a valid procedure and fills the defaults", () => {
    const parsed = ProcedureContentSchema.parse(valid);
    expect(parsed.relatedSmfs).toEqual([]);
    expect(parsed.items[0]).toMatchObject({ help: "", required: true, choices: [], passChoices: [] });
  });

  it("refuses an empty title", () => {
    expect(errorsOf(ProcedureContentSchema, { ...valid, title: "   " })).toEqual({ title: ["Title cannot be empty."] });
  });

  it("refuses a bad slug", () => {
    for (const slug of ["Check-Backups", "check--backups", "-check", "check-", "ab", "check backups", "check_backups", "x".repeat(81)]) {
      expect(errorsOf(ProcedureContentSchema, { ...valid, slug }), slug).toHaveProperty("slug");
    }
    expect(SlugSchema.parse("check-backups")).toBe("check-backups");
  });

  it("refuses a minimum above the maximum", () => {
    expect(errorsOf(ProcedureContentSchema, withItem({ key: "n", kind: "NUMBER", text: "N", unit: "ms", min: 10, max: 5 }))).toEqual({
      "items.0.min": ["The minimum (10) is above the maximum (5)."],
    });
  });

  it("refuses a number item without a unit", () => {
    expect(errorsOf(ProcedureContentSchema, withItem({ key: "n", kind: "NUMBER", text: "N", max: 5 }))).toEqual({
      "items.0.unit": ["A number item needs a unit (for example messages, ms, %)."],
    });
    expect(errorsOf(ProcedureContentSchema, withItem({ key: "n", kind: "NUMBER", text: "N", unit: "  ", max: 5 }))).toHaveProperty("items.0.unit");
  });

  it("refuses a choice item with fewer than two choices", () => {
    expect(errorsOf(ProcedureContentSchema, withItem({ key: "c", kind: "CHOICE", text: "C", choices: ["Only"] }))).toEqual({
      "items.0.choices": ["A choice item needs at least two choices."],
    });
    expect(errorsOf(ProcedureContentSchema, withItem({ key: "c", kind: "CHOICE", text: "C" }))).toHaveProperty("items.0.choices");
  });

  it("refuses pass choices that are not among the choices", () => {
    expect(
      errorsOf(ProcedureContentSchema, withItem({ key: "c", kind: "CHOICE", text: "C", choices: ["Yes", "No"], passChoices: ["Maybe"] })),
    ).toEqual({ "items.0.passChoices": ['"Maybe" is not one of the choices.'] });
  });

  it("refuses duplicate item keys, naming the second one", () => {
    const items = [valid.items[2], { ...valid.items[2], text: "Again" }];
    expect(errorsOf(ProcedureContentSchema, { ...valid, items })).toEqual({ "items.1.key": ['Item key "checked" is used twice.'] });
  });

  it("refuses a range on an item that is not a number", () => {
    expect(errorsOf(ProcedureContentSchema, withItem({ key: "t", kind: "TEXT", text: "T", max: 5 }))).toEqual({
      "items.0.min": ["Only number items have a range."],
    });
    expect(errorsOf(ProcedureContentSchema, withItem({ key: "t", kind: "CHECK", text: "T", choices: ["a", "b"] }))).toEqual({
      "items.0.choices": ["Only choice items have choices."],
    });
  });

  it("refuses a procedure without items and a role listed twice", () => {
    expect(errorsOf(ProcedureContentSchema, { ...valid, items: [] })).toEqual({ items: ["A procedure needs at least one checklist item."] });
    expect(errorsOf(ProcedureContentSchema, { ...valid, roles: ["MAILBOX", "MAILBOX"] })).toEqual({ roles: ["A role is listed twice."] });
  });

  it("accepts an as-needed procedure without items (a reading page), and no other cadence", () => {
    expect(ProcedureContentSchema.safeParse({ ...valid, cadence: "AS_NEEDED", items: [] }).success).toBe(true);
    for (const cadence of ["DAILY", "WEEKLY", "MONTHLY"]) {
      expect(errorsOf(ProcedureContentSchema, { ...valid, cadence, items: [] }), cadence).toEqual({ items: ["A procedure needs at least one checklist item."] });
    }
  });

  it("accepts only http(s) reference links", () => {
    for (const url of ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "ftp://example.com", "//example.com", "https://", "https://exa mple.com"]) {
      expect(errorsOf(ProcedureContentSchema, { ...valid, references: [{ title: "Bad", url }] }), url).toEqual({
        "references.0.url": ["A reference link must start with http:// or https://."],
      });
    }
    expect(ReferenceSchema.parse({ title: "Ok", url: " HTTPS://example.com/a?b=c " }).url).toBe("HTTPS://example.com/a?b=c");
  });
});

// ---------------------------------------------------------------------------------------------
describe("parseLibraryFilter", () => {
  it("keeps known values", () => {
    expect(parseLibraryFilter({ q: " queue ", cadence: "WEEKLY", smf: "STORAGE_MANAGEMENT", role: "MAILBOX", tool: "queue-viewer" })).toEqual({
      filter: { q: "queue", cadence: "WEEKLY", smf: "STORAGE_MANAGEMENT", role: "MAILBOX", tool: "queue-viewer" },
      ignored: [],
    });
  });

  it("drops unknown cadence, SMF, role and tool values and reports them as ignored", () => {
    const { filter, ignored } = parseLibraryFilter({ cadence: "HOURLY", smf: "COFFEE", role: "mailbox", tool: "Not A Slug" });
    expect(filter).toEqual({ q: undefined, cadence: undefined, smf: undefined, role: undefined, tool: undefined });
    expect(ignored.sort()).toEqual(["cadence", "role", "smf", "tool"]);
  });

  it("keeps the good values when only some are unknown", () => {
    const { filter, ignored } = parseLibraryFilter({ q: "backup", cadence: "DAILY", role: "DOMAIN_CONTROLLER" });
    expect(filter).toMatchObject({ q: "backup", cadence: "DAILY", role: undefined });
    expect(ignored).toEqual(["role"]);
  });

  it("takes the first of repeated parameters and ignores empty and missing ones", () => {
    expect(parseLibraryFilter({ cadence: ["MONTHLY", "DAILY"], role: "" })).toEqual({
      filter: { q: undefined, cadence: "MONTHLY", smf: undefined, role: undefined, tool: undefined },
      ignored: [],
    });
    expect(parseLibraryFilter({})).toEqual({ filter: { q: undefined, cadence: undefined, smf: undefined, role: undefined, tool: undefined }, ignored: [] });
  });

  it("drops search text longer than 200 characters", () => {
    expect(parseLibraryFilter({ q: "x".repeat(201) })).toMatchObject({ filter: { q: undefined }, ignored: ["q"] });
  });

  it("never throws, whatever the query string holds (property)", () => {
    const value = fc.option(fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })), { nil: undefined });
    fc.assert(
      fc.property(fc.record({ q: value, cadence: value, smf: value, role: value, tool: value, other: value }), (params) => {
        const { ignored } = parseLibraryFilter(params);
        expect(ignored.every((k) => ["q", "cadence", "smf", "role", "tool"].includes(k))).toBe(true);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
describe("formDataToObject and asArray", () => {
  it("turns repeated names into arrays and keeps single names as strings", () => {
    const form = new FormData();
    form.append("name", "EXMBX01");
    form.append("roles", "MAILBOX");
    form.append("roles", "HUB_TRANSPORT");
    form.append("roles", "CLIENT_ACCESS");
    expect(formDataToObject(form)).toEqual({ name: "EXMBX01", roles: ["MAILBOX", "HUB_TRANSPORT", "CLIENT_ACCESS"] });
  });

  it("drops the framework's $ACTION fields and files", () => {
    const form = new FormData();
    form.append("$ACTION_ID_abc123", "");
    form.append("$ACTION_REF_1", "x");
    form.append("$ACTION_1:0", "{}");
    form.append("upload", new Blob(["data"]), "file.txt");
    form.append("email", "a@b.co");
    expect(formDataToObject(form)).toEqual({ email: "a@b.co" });
  });

  it("feeds a server form straight into the server schema", () => {
    const form = new FormData();
    for (const [k, v] of [["name", "exhub01"], ["site", "HQ"], ["roles", "HUB_TRANSPORT"], ["roles", "CLIENT_ACCESS"]] as const) form.append(k, v);
    expect(ServerFieldsSchema.parse(formDataToObject(form)).roles).toEqual(["HUB_TRANSPORT", "CLIENT_ACCESS"]);
  });

  // Regression: a field named "__proto__" must not reach the object's prototype.
  it("treats a field named __proto__ as data, without changing the object's prototype", () => {
    const form = new FormData();
    form.append("__proto__", "role");
    form.append("__proto__", "ADMIN");
    form.append("email", "a@b.co");
    const out = formDataToObject(form);
    // A plain or null-prototype object; the field itself may be kept as data or dropped.
    expect([Object.prototype, null]).toContain(Object.getPrototypeOf(out));
    expect(out.email).toBe("a@b.co");
    if (Object.hasOwn(out, "__proto__")) expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual(["role", "ADMIN"]);
    expect((out as Record<string, unknown>).length).toBeUndefined();
  });

  it("asArray: nothing, one or many", () => {
    expect(asArray(undefined)).toEqual([]);
    expect(asArray(null)).toEqual([]);
    expect(asArray("")).toEqual([]);
    expect(asArray("a")).toEqual(["a"]);
    expect(asArray(0)).toEqual([0]);
    expect(asArray(["a", "b"])).toEqual(["a", "b"]);
    expect(asArray([])).toEqual([]);
  });

  it("keeps every value of every name, in order (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("a", "b", "c"), fc.string()), { maxLength: 20 }), (pairs) => {
        const form = new FormData();
        for (const [k, v] of pairs) form.append(k, v);
        const out = formDataToObject(form);
        for (const key of ["a", "b", "c"]) {
          const values = pairs.filter(([k]) => k === key).map(([, v]) => v);
          if (values.length === 0) expect(out).not.toHaveProperty(key);
          else expect(out[key]).toEqual(values.length === 1 ? values[0] : values);
        }
      }),
    );
  });
});

describe("organisation settings schema", () => {
  it("refuses more than seven business days with one message, not one per entry", () => {
    const parsed = SettingsSchema.safeParse({ name: "Contoso", timeZone: "UTC", businessDays: Array.from({ length: 20_000 }, () => "1") });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(["Choose at most the seven days of the week."]);
  });
});
