// Input fuzzing of every server action (issue 8). For each action in the registry, fast-check
// breaks the action's valid sample (tests/support/action-samples.ts) in many ways: wrong types,
// missing and unknown fields, oversized and boundary values, references to records that do not
// exist, stale revisions. Each case is run as a user whose role may run the action, so only the
// input is at fault, and must be refused with a clear message (never the catch-all of an
// unexpected error) and write nothing. Every generated input is invalid by construction; a case
// that is accepted is a finding. Then the valid sample runs, so the next action finds what it needs.
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { databaseFile } from "@/lib/env";
import { actionRegistry, runAction } from "@/lib/actions/define";
import type { ActionResult } from "@/lib/actions/result";
import { ROLES } from "@/lib/auth/roles";
import { CHANGE_RISKS, CHANGE_TYPES } from "@/lib/changes/workflow";
import { STATUS_STEPS } from "@/lib/incidents/workflow";
import { EXCHANGE_ROLES, TOOL_KINDS } from "@/lib/procedures/vocabulary";
import { OUTCOMES } from "@/lib/runs/evaluate";
import { HOLIDAY_POLICIES } from "@/lib/scheduling/recurrence";
import { RULE_KINDS } from "@/lib/scheduling/rules";
import { SetupSchema } from "@/lib/users/schemas";
import { createFirstAdmin } from "@/lib/users/setup";
import { ACTION_SAMPLES, importActionModules, sampleContext, type SampleContext } from "../support/action-samples";
import { as, TEST_REQUEST } from "../support/fixtures";

const SEED = 20_261_124;
const CASES_PER_ACTION = 300;
const SETUP_CASES = 400;
const SETUP = "setup.create_first_admin";
const CATCH_ALL = "Something went wrong on the server";
/** A case slower than this points at a pathological regular expression or loop. */
const SLOW_CASE_MS = 3_000;
/** What a message shown to a user must never contain. */
const INTERNALS = /prisma|sqlite|TypeError|ReferenceError|RangeError|SyntaxError|\[object \w+\]|at \S+ \(\S+:\d+:\d+\)/i;

// ---------------------------------------------------------------------------------------------
// Values

/** Records that exist when the fuzzing starts, for inputs that collide with them. */
interface Known {
  emails: string[];
  toolSlugs: string[];
  procedureSlugs: string[];
}

const ODD_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "then", "$ACTION_ID_0", "_form", "", " ", "a.b", "0", "length"];
const oddKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...ODD_KEYS));
const anything = fc.anything({
  maxDepth: 3,
  maxKeys: 5,
  key: oddKey,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withSparseArray: true,
  withUnicodeString: true,
});
/** At least `length` characters (code points, as the schemas count them) of `unit` repeated. */
const repeatTo = (unit: string, length: number) => unit.repeat(Math.ceil(length / [...unit].length));

/**
 * Objects whose conversion to a string or a number fails or says nothing. Those built by JSON.parse
 * can arrive over HTTP as an action's argument: React's reply encoding carries plain objects.
 */
const trickyObject = fc.constantFrom<unknown>(
  Object.create(null),
  JSON.parse('{"toString": 1}'),
  JSON.parse('{"valueOf": {}, "toString": null}'),
  JSON.parse('{"length": {"toString": 1}}'),
  JSON.parse('{"length": 1e9}'),
  JSON.parse('{"0": "x", "length": 1}'),
  { length: Object.create(null) },
  new Map([["a", 1]]),
  new Set(["x"]),
);
const junkObject = fc.oneof(fc.dictionary(oddKey, anything, { minKeys: 1, maxKeys: 6 }), trickyObject);
/** Arrays and objects nested thousands deep, with an object at the bottom. */
const deep = fc.integer({ min: 1, max: 3_000 }).map((depth) => {
  let value: unknown = { deep: true };
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { value };
  return value;
});
const hugeString = fc
  .tuple(fc.constantFrom("x", "é", "😀", "\u0000", "a b", "<script>", "\u202e", "%00", `'; DROP TABLE "User"; --`), fc.integer({ min: 100_000, max: 300_000 }))
  .map(([unit, length]) => repeatTo(unit, length));
const hugeArray = fc.tuple(fc.integer({ min: 1_000, max: 20_000 }), fc.constantFrom("x", "é", "<", "no-such")).map(([n, s]) => Array.from({ length: n }, () => s));

/**
 * Values that no field of any action accepts, whatever its type: objects (no number, string or
 * list of strings can be made of them), lists holding objects, deep nesting, and strings and lists
 * far beyond every limit (a huge string is no number, no JSON and too long for any text field).
 */
const universal = fc.oneof(junkObject, fc.array(junkObject, { minLength: 1, maxLength: 4 }), deep, hugeString, hugeArray);
/** Scalars of the wrong type for a string field. */
const scalar = fc.oneof(fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.bigInt(), fc.date());
const scalarButNull = fc.oneof(fc.double(), fc.integer(), fc.boolean(), fc.bigInt(), fc.date());
/**
 * Characters no text field stores: halves of surrogate pairs, control characters other than line
 * breaks and tabs, and the overrides that reverse how text around them reads.
 */
const HOSTILE_CHARACTERS = ["\ud800", "\udbff", "\udc00", "\udfff", "\u0000", "\u0001", "\u001b", "\u007f", "\u0085", "\u009b", "\u202a", "\u202b", "\u202d", "\u202e"];
/** In names and titles also line breaks, tabs, isolates and direction marks. */
const NAME_ONLY_HOSTILE = ["\n", "\t", "\r", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"];

/** `value` with `character` put in at `at` (its first string, for a list or an object). */
function inject(value: unknown, character: string, at: number, inside = false): unknown {
  if (typeof value === "string") {
    // Inside: between two characters, where trimming cannot take it away (for line breaks and tabs).
    const cut = inside ? 1 + (at % Math.max(1, value.length - 1)) : value.length === 0 ? 0 : at % (value.length + 1);
    return value.slice(0, cut) + character + value.slice(cut);
  }
  if (Array.isArray(value) && value.length > 0) return [inject(value[0], character, at, inside), ...value.slice(1)];
  if (value !== null && typeof value === "object") {
    const key = Object.keys(value).find((k) => typeof (value as Record<string, unknown>)[k] === "string");
    if (key) return { ...value, [key]: inject((value as Record<string, unknown>)[key], character, at, inside) };
  }
  return value;
}
/** Whether `inject` has somewhere to put a character in this value. */
const holdsText = (value: unknown): boolean =>
  typeof value === "string" ||
  (Array.isArray(value) && value.length > 0 && holdsText(value[0])) ||
  (value !== null && typeof value === "object" && !Array.isArray(value) && Object.values(value).some((v) => typeof v === "string"));

/** Empty or all whitespace, which trimming makes empty. */
const BLANKS = ["", " ", "   ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2028"];

const some = <T,>(values: readonly T[]) => fc.constantFrom(...values);
/** Longer than `max` characters after trimming, from exactly max+1 up. */
const longer = (max: number) =>
  fc.tuple(fc.constantFrom("x", "é", "😀", "\u0000", "a b"), fc.integer({ min: max + 1, max: max + 64 })).map(([unit, length]) => repeatTo(unit, length));
const orExtra = (arbs: fc.Arbitrary<unknown>[], extra: readonly unknown[]) => fc.oneof(...arbs, ...(extra.length ? [some(extra)] : []));

/** A text field of at most `max` characters. */
const text = (max: number, extra: readonly unknown[] = []) => orExtra([universal, scalar, longer(max)], extra);

/** One of a fixed set of values: anything else, near misses of the real values included. */
function choice(valid: readonly string[], extra: readonly unknown[] = []) {
  const nearMiss = fc
    .constantFrom(...valid)
    .chain((v) => some([v === v.toLowerCase() ? v.toUpperCase() : v.toLowerCase(), ` ${v}`, `${v} `, `${v}\u0000`, `${v}${v}`, `"${v}"`, [v, v], { [v]: v }]));
  return orExtra([universal, scalar, nearMiss, fc.string({ maxLength: 20 }).filter((s) => !valid.includes(s))], extra);
}

/** Ids that cannot exist: real ones are cuids (lower-case letters and digits, starting with c). */
const unknownId = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{0,50}$/).map((s) => `no-such-${s}`),
  some(["0", "-1", "null", "undefined", "' OR '1'='1", "%", "*", "a\u0000b", "../../etc/passwd", "😀", "\u202eevil", "ＡＢＣ", "\\", "C"]),
);
/** A record id (a string of at most 64 characters). `nullable`: null means "none" there. */
const id = ({ nullable = false } = {}) => fc.oneof(universal, nullable ? scalarButNull : scalar, longer(64), unknownId);

const NOT_NUMBERS = [NaN, Infinity, -Infinity, 1.5, -0.5, "1.5", "NaN", "Infinity", "-Infinity", "1e400", "x", "one", "½", "١", "1 2", "1,000", "--1", "0x", "1n", "2e-1", Number.MAX_VALUE, -Number.MAX_VALUE, "1".repeat(400), `0.${"1".repeat(400)}`, "1e308"];
/** A whole number typed as text or sent as a number, with the given out-of-range values. */
const whole = (outOfRange: readonly unknown[]) =>
  orExtra([universal, some(NOT_NUMBERS), fc.double({ noInteger: true }), fc.string({ maxLength: 12 }).filter((s) => Number.isNaN(Number(s)))], outOfRange);
/** Record numbers (incidents, problems, changes): those from a million up do not exist yet. */
const unknownNumber = fc.integer({ min: 1_000_000, max: 2_147_483_647 }).chain((n) => some([n, String(n)]));
const recordNumber = fc.oneof(whole([0, -1, "0", "-1", "2147483648", 2_147_483_648, 1e10, "9".repeat(20)]), unknownNumber);

const padDate = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const daysIn = (y: number, m: number) => [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
/** Days that no calendar has: 30 February, 31 April, 29 February in a common year. */
const impossibleDay = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 29, max: 31 }))
  .filter(([y, m, d]) => d > daysIn(y, m))
  .map(([y, m, d]) => padDate(y, m, d));
const BAD_DATES = ["2026-02-30", "2025-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-32", "2026-1-1", "26-01-01", "2026/01/01", "20260101", "2026-W01", "2026-01-01T00:00", "+002026-01-01", "２０２６-01-01", "२०२६-०१-०१", "2026-01-01\u0000", "0000-00-00", "9999-99-99", "2026-01-011"];
/** Real days outside the portal's range (2000-01-01 to 2100-12-31), at its edges and far beyond. */
const OUT_OF_RANGE_DATES = ["1999-12-31", "2101-01-01", "1970-01-01", "0001-01-01", "9999-12-31", "+010000-01-01", "-000001-01-01"];
const localDate = orExtra([universal, scalar, impossibleDay], [...BAD_DATES, ...OUT_OF_RANGE_DATES]);
const BAD_DATE_TIMES = ["2031-02-30T10:00", "2031-01-01T24:00", "2031-01-01T23:60", "2031-01-01 10:00", "2031-01-01T10:00:00", "2031-01-01T10:00Z", "2031-01-01T10:00+01:00", "2031-1-1T10:00", "2031-01-01", "10:00", "+02031-01-01T10:00", "2031-01-01T10:00\u0000", "２０３１-01-01T10:00", "2029-02-29T10:00"];
const badDateTime = fc.oneof(universal, scalar, impossibleDay.map((d) => `${d}T10:00`), some(BAD_DATE_TIMES), some(OUT_OF_RANGE_DATES.map((d) => `${d}T10:00`)));
// Start and end are broken relative to the samples (windows in January 2031): a start after the
// sample's end, an end before the sample's start. Two broken values never make a valid window.
const windowStart = fc.oneof(badDateTime, some(["2031-01-01T23:59", "2099-12-31T23:59", "9999-12-31T23:59"]));
const windowEnd = fc.oneof(badDateTime, some(["2031-01-01T00:00", "2000-02-29T12:00", "1970-01-01T00:00", "0001-01-01T00:00"]));
const BAD_TIMES = ["24:00", "23:60", "9:00", "09:00:00", "0900", "09.00", "-1:00", "99:99", "09:0", "٠٩:٠٠", "09:00\u0000", "T09:00", "9am"];
// Offsets pass Temporal but not Intl, which formats every date shown.
const BAD_ZONES = ["+14:00", "-00:00", "+0530", "Mars/Olympus_Mons", "UTC+25", "+25:00", "Europe/London\u0000", "../../etc/localtime", "Etc/GMT+15", "America/New York", "🙂", "Europe/", "/", "x".repeat(300)];
const BAD_EMAILS = ["plainaddress", "@example.test", "a@", "a@b", "a b@example.test", "a@@example.test", "a@example..test", "a@exa mple.test", "<script>@x.test", "a@example.test\u0000", "a@-example.test", "\u202e@example.test"];
const BAD_FQDNS = ["-bad.example.test", "bad-.example.test", "a..b", "under_score.example.test", "exmbx01", "ex mbx.example.test", ".example.test", "example.test.", "é.example.test", `${"a".repeat(64)}.example.test`, `${"a.".repeat(127)}b`, "exmbx01.example.test/../x"];
/** Rule parts whose values no rule takes; the recurrence library throws on several of them. */
const MALFORMED_RULES = ["FREQ=WEEKLY;BYDAY=XX", "FREQ=DAILY;BYDAY=1", "FREQ=DAILY;BYDAY=+0MO", "FREQ=DAILY;BYDAY=MO,,TU", "FREQ=DAILY;WKST=ZZ", "FREQ=MONTHLY;BYSETPOS=0", "FREQ=DAILY;BYSETPOS=X", "FREQ=DAILY;UNTIL=X", "FREQ=DAILY;UNTIL=2026-01-01", "FREQ=DAILY;UNTIL=20260230", "FREQ=DAILY;BYMONTH=13", "FREQ=DAILY;BYMONTH=0", "FREQ=MONTHLY;BYMONTHDAY=32", "FREQ=DAILY;COUNT=-1", "FREQ=DAILY;COUNT=X"];
/** Well-formed rules that a custom schedule still refuses: unsupported parts, no occurrence. */
const REFUSED_RULES = ["FREQ=SECONDLY", "FREQ=HOURLY;BYHOUR=25", "FREQ=DAILY;INTERVAL=0", "FREQ=DAILY;INTERVAL=521", "FREQ=DAILY;COUNT=0", "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2", "FREQ=DAILY;UNTIL=20000101", "X", "FREQ=DAILY;FREQ=WEEKLY", "RRULE:", "FREQ=YEARLY;BYWEEKNO=53", "FREQ=DAILY;DTSTART=20260101"];
const BAD_SLUGS = ["new", "import", "review", "export", "ab", "Bad Slug", "-abc", "abc-", "a--b", "ÄBC", "abc_def", "abc\u0000", "ab c"];
const exchangeRoles = (extra: readonly unknown[]) =>
  orExtra([universal, fc.array(fc.string({ maxLength: 20 }).filter((s) => !(EXCHANGE_ROLES as readonly string[]).includes(s)), { minLength: 1, maxLength: 4 })], extra);
const NOT_WEEKDAYS = [["0"], ["8"], ["x"], ["1.5"], [-1], [8], "0", "8"];
/** Ids of records that cannot exist, added to the sample's own ones. */
const withUnknownIds = (sample: unknown) =>
  fc.array(unknownId, { minLength: 1, maxLength: 3 }).map((ids) => [...(Array.isArray(sample) ? sample : []), ...ids]);
const tooManyIds = (max: number) => fc.integer({ min: max + 1, max: max + 20 }).map((n) => Array.from({ length: n }, (_, i) => `no-such-${i}`));

/** A procedure's content as JSON text, broken in one way or another. */
function brokenContent(sample: unknown, known: Known): fc.Arbitrary<unknown> {
  const base = JSON.parse(String(sample)) as Record<string, unknown> & { slug: string; items: Record<string, unknown>[] };
  const item = base.items[0]!;
  const variants: Record<string, unknown>[] = [
    ...BAD_SLUGS.map((slug) => ({ ...base, slug })),
    ...known.procedureSlugs.filter((s) => s !== base.slug).map((slug) => ({ ...base, slug })),
    { ...base, title: "" },
    { ...base, title: "x".repeat(121) },
    { ...base, cadence: "HOURLY" },
    { ...base, smf: "NOPE" },
    { ...base, roles: ["NOPE"] },
    { ...base, roles: ["MAILBOX", "MAILBOX"] },
    { ...base, purpose: " " },
    { ...base, body: "<script>alert(1)</script>" },
    { ...base, body: "[x](javascript:alert(1))" },
    { ...base, body: '<a href="#" onclick="alert(1)">x</a>' },
    { ...base, body: "x".repeat(50_001) },
    { ...base, items: [] },
    { ...base, items: Array.from({ length: 101 }, (_, i) => ({ ...item, key: `k${i}` })) },
    { ...base, items: [item, item] },
    { ...base, items: [{ ...item, key: "Bad Key" }] },
    { ...base, items: [{ ...item, kind: "NUMBER", unit: undefined }] },
    { ...base, items: [{ ...item, kind: "NUMBER", unit: "ms", min: 5, max: 1 }] },
    { ...base, items: [{ ...item, kind: "CHOICE", choices: ["only"] }] },
    { ...base, items: [{ ...item, kind: "CHOICE", choices: ["a", "a"] }] },
    { ...base, items: [{ ...item, kind: "CHECK", min: 1 }] },
    { ...base, items: [{ ...item, help: "<iframe src=x>" }] },
    { ...base, references: [{ title: "x", url: "javascript:alert(1)" }] },
    { ...base, references: [{ title: "x", url: "ftp://example.test" }] },
    { ...base, tools: [{ tool: "Not A Slug" }] },
    { ...base, reviewIntervalMonths: 0 },
    { ...base, reviewIntervalMonths: 61 },
    { ...base, reviewIntervalMonths: 1.5 },
    { ...base, reviewIntervalMonths: "12" },
  ];
  const required = ["slug", "title", "cadence", "smf", "purpose", "items"];
  const jsonJunk = fc.dictionary(oddKey, fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 });
  return fc.oneof(
    universal,
    scalar,
    some(["{", "null", "[]", "1", '"x"', "{}", '{"slug":', "[".repeat(100_000), `{"__proto__": {"slug": "x"}}`]),
    some(variants.map((v) => JSON.stringify(v))),
    // One key of the content replaced by an object: every key of the content refuses an object.
    fc.tuple(fc.constantFrom(...Object.keys(base)), jsonJunk).map(([key, junk]) => JSON.stringify({ ...base, [key]: junk })),
    fc.constantFrom(...required).map((key) => JSON.stringify({ ...base, [key]: undefined })),
    fc.integer({ min: 200_001, max: 250_000 }).map((n) => JSON.stringify({ ...base, body: "x".repeat(n) })),
  );
}

/** Files for the import, each broken so that the import as a whole must be refused. */
function brokenFiles(sample: unknown): fc.Arbitrary<unknown> {
  const good = (sample as { name: string; text: string }[])[0]!;
  const frontMatter = (lines: string) => good.text.replace(/^---\n/, `---\n${lines}\n`);
  const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`)].join("\n");
  const texts = [
    good.text.replace(/^slug: .*$/m, "slug: Bad Slug"),
    good.text.replace(/^cadence: .*$/m, "cadence: HOURLY"),
    good.text.replace(/^items:[\s\S]*?\n---/m, "items: []\n---"),
    good.text.replace(/^---\n/, ""),
    frontMatter("tools:\n  - tool: no-such-tool"),
    frontMatter("slug: duplicate-key"),
    frontMatter("__proto__:\n  polluted: true\nslug: Bad Slug"),
    frontMatter(bomb),
    `---\n${bomb}\n---\n`,
    "---\nslug: [unclosed\n---\n",
    "---\n---\n",
    "no front matter at all",
    "",
    "\u0000\u0001\u0002",
    "\ufeff---\nslug: x\n---\n",
  ];
  const file = (text: string, name = "fuzz.md") => ({ name, text });
  const yamlish = fc.string({ unit: fc.constantFrom(..."-:\n abc{}[]&*!|>'\"#\u0000é?"), maxLength: 200 }).map((s) => file(`---\n${s}\n---\n`));
  return fc.oneof(
    universal,
    scalar,
    some([
      [],
      [{ name: "a.md" }],
      [{ text: good.text }],
      [{ name: "a.md", text: 5 }],
      [file(good.text, "")],
      [file(good.text, "x".repeat(256))],
      [file(good.text), file(good.text, "copy.md")],
      [file("x".repeat(1_048_577))],
      Array.from({ length: 501 }, (_, i) => file(good.text.replace(/^slug: .*$/m, `slug: fuzz-${i}`), `f${i}.md`)),
    ]),
    fc.constantFrom(...texts).map((t) => [file(t)]),
    fc.array(yamlish, { minLength: 1, maxLength: 3 }),
  );
}

// ---------------------------------------------------------------------------------------------
// Field rules: what breaks each field, by field name ("action field" and "area field" override).

interface Rule {
  /** Values refused wherever the field appears, whatever the other fields hold. */
  bad: (sample: unknown, known: Known) => fc.Arbitrary<unknown>;
  /** Leaving the field out is refused (where the sample has it). */
  missing: boolean;
  /** An empty or all-space value is refused (where the sample has it). */
  blank: boolean;
}
/** A checkbox: every value means ticked or not, so nothing can break it. */
const FLAG = "flag";

function rule(bad: fc.Arbitrary<unknown> | Rule["bad"], { required = false, missing = required, blank = required }: { required?: boolean; missing?: boolean; blank?: boolean } = {}): Rule {
  return { bad: typeof bad === "function" ? bad : () => bad, missing, blank };
}

const RULES: Record<string, Rule | typeof FLAG> = {
  // Users and setup
  email: rule((_, known) => fc.oneof(text(254, BAD_EMAILS), some([...known.emails, ...known.emails.map((e) => e.toUpperCase())])), { required: true }),
  name: rule(text(120), { required: true }),
  "user name": rule(text(100, ["\u0000", "a\u0007b", "line\nbreak", "\u001b[31mred", "\u007f"]), { required: true }),
  "setup name": rule(text(100, ["\u0000", "a\u0007b", "line\nbreak"]), { required: true }),
  password: rule(text(200, ["short", "x".repeat(11), "aaaaaaaaaaaaaaaa", "abababababababab", "\u0000".repeat(12)]), { required: true }),
  confirm: rule(fc.oneof(universal, scalar), { required: true }),
  currentPassword: rule(fc.oneof(universal, scalar, longer(200)), { required: true }),
  role: rule(choice(ROLES), { required: true }),
  userId: rule(id(), { required: true }),
  active: rule(choice(["true", "false"], [true, false, "on", "1", "TRUE"]), { required: true }),
  // Servers, settings, holidays
  serverId: rule(id(), { required: true }),
  "server name": rule(text(120, ["-EX01", "EX_01", "EX.01", "EXCHANGESERVER01X", "ÉX01", "EX 01", "EX\u000001"]), { required: true }),
  fqdn: rule(text(253, BAD_FQDNS)),
  site: rule(text(64, ["London HQ", "-HQ", "HQ'", "HQ;x", "HQ$x"]), { required: true }),
  // Absent keeps the storage groups; anything sent must be up to 50 distinct names of safe characters.
  storageGroups: rule(orExtra([universal, scalar], ["SG'1", "SG1\nsg1", "x".repeat(65), "$(Stop-Computer)", [5], [null], ["ok", "OK"], Array.from({ length: 51 }, (_, i) => `SG${i}`)])),
  // Placeholder variables: scope and kind are fixed codes; values are checked against the kind.
  "placeholder name": rule(orExtra([universal, scalar], ["1drive", "queue_drive", "queue-drive", "queue drive", "x".repeat(41), "{{server}}"]), { required: true }),
  "placeholder scope": rule(choice(["SERVER", "ORGANISATION"], ["PER_SERVER", "GLOBAL"]), { required: true }),
  "placeholder kind": rule(choice(["DRIVE", "PATH", "NAME", "HOST"], ["SHELL", "SCRIPT"]), { required: true }),
  "placeholder description": rule(text(300)),
  "placeholder value": rule(text(240, ["E:\\x", "$(Stop-Computer)", "a'b"])),
  description: rule(text(5000)),
  "change description": rule(text(5000), { required: true }),
  roles: rule(exchangeRoles([[], "", "NOPE", ["mailbox"], ["EDGE_TRANSPORT", "MAILBOX"], ["MAILBOX", "MAILBOX"], [5], [null], null, 7]), { required: true }),
  timeZone: rule(fc.oneof(universal, scalar, some(BAD_ZONES)), { required: true }),
  businessDays: rule(orExtra([universal], [[], "", ["0"], ["8"], ["1.5"], ["x"], [-1], "0", "8", [" "], [1, 8], null]), { required: true }),
  // Absent keeps the shift times set; anything sent must be one to six distinct HH:MM times.
  shiftStarts: rule(orExtra([universal], ["", " ", ",", "25:00", "07:60", "7", "noon", "07:00, 07:00", "07:00 7:00", "1:00,2:00,3:00,4:00,5:00,6:00,7:00", ["07:00", 7], [null], null, 7])),
  // Absent keeps the size set; anything sent must be one of the three sizes, spelled exactly.
  mailboxUsers: rule(orExtra([universal], ["", " ", "under_500", "UNDER_501", "UNDER_500 ", "500", "OVER_3000,UNDER_500", ["UNDER_500"], null, 500])),
  requireAcknowledgement: FLAG,
  requireSecondApproval: FLAG,
  date: rule(localDate, { required: true }),
  holidayId: rule(id(), { required: true }),
  "server.retire_demo serverIds": rule((sample) => fc.oneof(universal, withUnknownIds(sample), tooManyIds(50), some([[], ""])), { required: true }),
  // The first-run guide
  "guide.confirm_step step": rule(choice(["organisation", "calendar"], ["servers", "users", "readingList", "dismissed"]), { required: true }),
  guide: rule(choice(["first-run"]), { required: true }),
  // Schedules and maintenance windows
  scheduleId: rule(id(), { required: true }),
  procedureId: rule(id(), { required: true }),
  kind: rule(choice([...RULE_KINDS, ...TOOL_KINDS], ["WEEKLY", "MONTHLY_DAY", "MONTHLY_WEEKDAY", "QUARTERLY", "CUSTOM"]), { required: true }),
  weekdays: rule(orExtra([universal], NOT_WEEKDAYS)),
  interval: rule(whole(["0", "53", -1, 53])),
  day: rule(whole(["0", "32", -1, 32])),
  nth: rule(whole(["0", "5", "-2", 5, -2])),
  weekday: rule(whole(["0", "8", 0, 8])),
  rrule: rule(text(300, MALFORMED_RULES)),
  holidayPolicy: rule(choice(HOLIDAY_POLICIES)),
  anchorDate: rule(localDate, { required: true }),
  dueTime: rule(fc.oneof(universal, scalar, some(BAD_TIMES)), { required: true }),
  graceMinutes: rule(whole(["-1", -1, "20161", 20_161, "1e5"]), { missing: true }),
  assignee: rule(
    orExtra([universal, scalar], ["role:ROOT", "role:admin", "role:", "user:", "user:a b", `user:${"a".repeat(65)}`, "group:ops", "ROLE:ADMIN", "role:OPERATOR\u0000", "role:VIEWER", "user:no-such-user"]),
    { required: true },
  ),
  scope: rule(choice(["ORGANISATION", "PER_SERVER"], ["PER_SERVER"]), { required: true }),
  scopeRoles: rule(exchangeRoles([["NOPE"], [5], "NOPE"])),
  "schedule.create active": FLAG,
  "schedule.update active": FLAG,
  startsAt: rule(windowStart, { required: true }),
  endsAt: rule(windowEnd, { required: true }),
  reason: rule(text(2000), { required: true }),
  "maintenance reason": rule(text(500)),
  windowId: rule(id(), { required: true }),
  // Procedures, imports, training, tools
  content: rule(brokenContent, { required: true }),
  expectedRevision: rule((sample) => fc.oneof(whole(["-1", -1, "1000001", 1e7]), fc.integer({ min: 0, max: 100_000 }).filter((n) => n !== Number(sample)).chain((n) => some([n, String(n)]))), { missing: true }),
  changeNote: rule(text(1000, ["abcd", "\u200b\u200b\u200b\u200b"]), { required: true }),
  versionId: rule(id(), { required: true }),
  note: rule(text(2000)),
  files: rule(brokenFiles, { required: true }),
  problems: rule(
    orExtra(
      [universal, scalar, fc.array(fc.record({ file: fc.string({ maxLength: 20 }), line: fc.option(fc.nat()), message: fc.string({ maxLength: 40 }) }), { minLength: 1, maxLength: 3 })],
      [[{ file: 5, line: 1, message: "x" }], [{ file: "a", line: 1.5, message: "x" }], [{ file: "a", line: "1", message: "x" }], [{ file: "a", line: 1, message: "x".repeat(2001) }], Array.from({ length: 10_001 }, () => ({ file: "a", line: 1, message: "m" }))],
    ),
    { blank: true },
  ),
  slug: rule((_, known) => fc.oneof(text(80, BAD_SLUGS), some(known.toolSlugs)), { required: true }),
  "tool description": rule(text(5000), { required: true }),
  toolId: rule(id(), { required: true }),
  // The standard tool set: a catalogue change (its fields for a new tool are read only for ADD, so
  // their rules are the type and length bounds every kind enforces), and a deployment by hand.
  "tool.change_raise changeKind": rule(choice(["ADD", "RETIRE", "APPROVE_VERSION"]), { required: true }),
  "tool.change_raise slug": rule(text(75)),
  "tool.change_raise name": rule(text(200)),
  "tool.change_raise toolKind": rule(text(20)),
  "tool.change_raise toolDescription": rule(text(2000)),
  "tool.change_raise placement": rule(choice(["NONE", "ROLES", "LAB_ONLY"])),
  "tool.change_raise requiredRoles": rule(exchangeRoles([["NOPE"], [5], "NOPE"])),
  "tool.change_raise versioning": rule(choice(["EXCHANGE", "OWN"])),
  "tool.change_raise source": rule(text(500)),
  "tool.change_raise owner": rule(text(120)),
  "tool version": rule(text(60, ["6.1.0; DROP", "$(Stop-Computer)", "-1", ".x"])),
  "tool.record_deployment present": rule(choice(["true", "false"]), { required: true }),
  // Incidents, problems, changes
  title: rule(text(200, ["ab", "\u200b\u200b"]), { required: true }),
  severity: rule(whole(["0", "5", "-1", 0, 5, "2.5", "1e1", 10]), { required: true }),
  serverIds: rule((sample) => fc.oneof(universal, withUnknownIds(sample), tooManyIds(50), some([["x".repeat(65)], ["ok", {}]]))),
  "change serverIds": rule((sample) => fc.oneof(universal, withUnknownIds(sample), tooManyIds(50), some([[], "", ["a b"], ["x".repeat(65)]])), { required: true }),
  assigneeId: rule(id({ nullable: true })),
  runId: rule(id({ nullable: true }), { required: true }),
  itemId: rule(id({ nullable: true }), { required: true }),
  resultId: rule(id({ nullable: true }), { required: true }),
  incidentId: rule(recordNumber, { required: true }),
  problemId: rule(fc.oneof(recordNumber, some([2_147_483_648, "2147483648", Number.MAX_SAFE_INTEGER, "9007199254740993", 1e300, "1e15"])), { required: true }),
  changeId: rule(recordNumber, { required: true }),
  body: rule(text(5000, ["ab"]), { required: true }),
  step: rule(choice(STATUS_STEPS), { required: true }),
  resolution: rule(text(5000)),
  "incident.change_status resolution": rule(text(5000), { required: true }),
  rootCause: rule(text(5000)),
  "change.reject note": rule(text(2000, ["abcd"]), { required: true }),
  type: rule(choice(CHANGE_TYPES), { required: true }),
  risk: rule(choice(CHANGE_RISKS), { required: true }),
  backoutPlan: rule(text(5000), { required: true }),
  plannedStart: rule(windowStart, { required: true }),
  plannedEnd: rule(windowEnd, { required: true }),
  procedureIds: rule((sample) => fc.oneof(universal, withUnknownIds(sample), tooManyIds(20), some([[], ""])), { required: true }),
  // Results and runs
  outcome: rule(choice(OUTCOMES), { required: true }),
  value: rule(text(2000)),
  "run reason": rule(text(1000, ["abcd"]), { required: true }),
};

/**
 * Names and titles: one line, no direction characters. "name" of a server is excluded (its NetBIOS
 * pattern refuses these characters anyway, but it upper-cases first).
 */
const NAME_FIELDS = new Set(["name", "title", "user.create name", "user.update name", "schedule.create name", "schedule.update name"]);

const scheduleCombos = fc.oneof(
  some([...MALFORMED_RULES, ...REFUSED_RULES]).map((rrule) => ({ kind: "CUSTOM", rrule })),
  some([{ kind: "WEEKLY", weekdays: ["1"], interval: "1", anchorDate: "9999-12-27" }, { kind: "MONTHLY_WEEKDAY", nth: "5", weekday: "1" }, { kind: "QUARTERLY", day: "32" }, { scope: "PER_SERVER", scopeRoles: [] }, { assignee: "role:VIEWER" }]),
);
const windowCombos = some([{ plannedStart: "2031-01-01T00:00", plannedEnd: "2031-03-01T00:00" }, { plannedStart: "2031-01-01T10:00", plannedEnd: "2031-01-01T10:00" }]);
/**
 * Fields broken together, where one alone could still be valid (a custom rule is only read for a
 * custom schedule), by action; merged over the sample.
 */
const COMBOS: Record<string, fc.Arbitrary<object>> = {
  "schedule.create": scheduleCombos,
  "schedule.update": scheduleCombos,
  "maintenance.create": some([{ startsAt: "2031-01-01T00:00", endsAt: "2031-03-01T00:00" }, { startsAt: "2031-01-01T10:00", endsAt: "2031-01-01T10:00" }]),
  "change.create": windowCombos,
  "change.update": windowCombos,
  "incident.open": fc.tuple(unknownId, unknownId, unknownId).map(([runId, itemId, resultId]) => ({ runId, itemId, resultId })),
};

function ruleFor(action: string, field: string): Rule | typeof FLAG {
  const area = action.split(".")[0]!;
  const found = RULES[`${action} ${field}`] ?? RULES[`${area} ${field}`] ?? RULES[field];
  if (!found) throw new Error(`No fuzz rule for the field "${field}" of ${action}: add one to RULES in tests/integration/fuzz-actions.test.ts`);
  return found;
}

/** The fields a schema reads: its object shape, through intersections, pipes and refinements. */
function schemaFields(schema: unknown): string[] {
  const def = (schema as { _zod: { def: { type: string; shape?: object; left?: unknown; right?: unknown; in?: unknown } } })._zod.def;
  if (def.type === "object") return Object.keys(def.shape!);
  if (def.type === "intersection") return [...new Set([...schemaFields(def.left), ...schemaFields(def.right)])];
  if (def.type === "pipe") return schemaFields(def.in);
  throw new Error(`Cannot list the fields of a ${def.type} schema`);
}

// ---------------------------------------------------------------------------------------------
// Cases

interface FuzzCase {
  kind: string;
  input: unknown;
}

/** An object with these own properties; "__proto__" and friends become plain keys, as in parsed JSON. */
function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function casesFor(action: string, sample: Record<string, unknown>, fields: string[], known: Known): fc.Arbitrary<FuzzCase> {
  const rules = new Map(fields.map((f) => [f, ruleFor(action, f)]));
  for (const key of Object.keys(sample)) if (!rules.has(key)) throw new Error(`The sample of ${action} has "${key}", which its schema does not read`);
  const given = Object.keys(sample);
  const mutable = fields.filter((f) => rules.get(f) !== FLAG);
  const ruleOf = (f: string) => rules.get(f) as Rule;
  const removable = given.filter((f) => rules.get(f) !== FLAG && ruleOf(f).missing);
  const blankable = given.filter((f) => rules.get(f) !== FLAG && ruleOf(f).blank);
  if (removable.length === 0) throw new Error(`${action}: no field is required, so a broken input cannot be built`);
  const badValue = (f: string) => ruleOf(f).bad(sample[f], known);
  const unknownKey = oddKey.filter((k) => !fields.includes(k));
  const extras = fc.array(fc.tuple(unknownKey, anything), { maxLength: 4 });
  const kind = (name: string, arb: fc.Arbitrary<unknown>, weight: number) => ({ weight, arbitrary: arb.map((input) => ({ kind: name, input })) });
  const withValues = (keys: string[]) => fc.tuple(...keys.map((k) => badValue(k).map((v): [string, unknown] => [k, v])));

  const textual = given.filter((f) => holdsText(sample[f]));
  const names = textual.filter((f) => NAME_FIELDS.has(f) || NAME_FIELDS.has(`${action} ${f}`));
  const combo = COMBOS[action];
  return fc.oneof(
    ...(textual.length
      ? [
          kind(
            "hostile character in a valid value",
            fc.tuple(fc.constantFrom(...textual), some(HOSTILE_CHARACTERS), fc.nat(200)).map(([f, c, at]) => ({ ...sample, [f]: inject(sample[f], c, at) })),
            3,
          ),
        ]
      : []),
    ...(names.length
      ? [kind("line break or direction mark in a name", fc.tuple(fc.constantFrom(...names), some(NAME_ONLY_HOSTILE), fc.nat(200)).map(([f, c, at]) => ({ ...sample, [f]: inject(sample[f], c, at, true) })), 1)]
      : []),
    ...(combo ? [kind("related fields broken together", combo.map((broken) => ({ ...sample, ...broken })), 2)] : []),
    kind("not an object", fc.oneof(anything.filter((v) => v === null || typeof v !== "object" || Array.isArray(v)), hugeString, hugeArray, some([undefined, [sample], new Date(), new FormData()])), 1),
    kind("unknown fields only", fc.array(fc.tuple(unknownKey, anything), { maxLength: 8 }).map(objectOf), 1),
    kind("required field missing", fc.subarray(removable, { minLength: 1 }).map((drop) => objectOf(given.filter((k) => !drop.includes(k)).map((k) => [k, sample[k]]))), 2),
    ...(blankable.length
      ? [kind("required field blank", fc.tuple(fc.constantFrom(...blankable), some(BLANKS)).map(([f, blank]) => ({ ...sample, [f]: blank })), 1)]
      : []),
    kind("one field broken", fc.constantFrom(...mutable).chain((f) => withValues([f])).map((entries) => ({ ...sample, ...Object.fromEntries(entries) })), 6),
    kind(
      "several fields broken, unknown fields added",
      fc.tuple(fc.subarray(mutable, { minLength: 1 }).chain(withValues), extras).map(([broken, added]) => objectOf([...Object.entries(sample), ...broken, ...added])),
      2,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Checks

let observer: Database.Database;
let countsSql: string;

/** What changes when anything is committed: SQLite's data version as seen from a second connection, row counts and the audit trail's end. */
function fingerprint() {
  return { dataVersion: observer.pragma("data_version", { simple: true }) as number, ...(observer.prepare(countsSql).get() as { rows: number; audit: number; lastSeq: number | null }) };
}

/** Why a refusal is not the clear refusal required, or null when it is. */
function unclear(result: ActionResult): string | null {
  if (result.ok) return `accepted: ${result.message}`;
  const { error, fieldErrors } = result;
  if (typeof error !== "string" || error.trim().length < 5) return `no message (${JSON.stringify(error)})`;
  if (error.startsWith(CATCH_ALL)) return "the catch-all message of an unexpected error";
  for (const message of [error, ...Object.values(fieldErrors).flat()]) {
    if (typeof message !== "string" || message.trim() === "") return `an empty message in ${JSON.stringify(fieldErrors)}`;
    if (INTERNALS.test(message)) return `a message revealing internals: ${message.slice(0, 200)}`;
  }
  if (Object.keys(result.values ?? {}).some((k) => /password|confirm/i.test(k))) return "a password echoed back to the form";
  return null;
}

/** A short, readable rendering of a generated value (long strings and lists cut down). */
function show(value: unknown, depth = 0): string {
  if (typeof value === "string") return value.length > 40 ? `${JSON.stringify(value.slice(0, 24))}…(${value.length} chars)` : JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (value === null || typeof value !== "object") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Date(invalid)" : `Date(${value.toISOString()})`;
  if (depth > 2) return Array.isArray(value) ? "[…]" : "{…}";
  if (Array.isArray(value)) {
    const items = value.slice(0, 4).map((v) => show(v, depth + 1));
    return `[${value.length > 4 ? [...items, `…${value.length} items`].join(", ") : items.join(", ")}]`;
  }
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  const label = proto === null ? "null-prototype " : proto === Object.prototype ? "" : `${proto.constructor?.name ?? "?"} `;
  const keys = Object.keys(value);
  const entries = keys.slice(0, 10).map((k) => `${JSON.stringify(k)}: ${show((value as Record<string, unknown>)[k], depth + 1)}`);
  return `${label}{${keys.length > 10 ? [...entries, `…${keys.length} keys`].join(", ") : entries.join(", ")}}`;
}

interface Tally {
  cases: number;
  byKind: Map<string, number>;
  byOutcome: Map<string, number>;
}
const tallies = new Map<string, Tally>();
const examples = new Map<string, string>();

/**
 * Runs each case, then checks it: refused clearly, nothing logged as unexpected, nothing written,
 * not slow. Returns the problems found (empty when every case behaved).
 */
async function fuzz(action: string, cases: FuzzCase[], run: (input: unknown) => Promise<ActionResult>): Promise<string[]> {
  const problems: string[] = [];
  const tally: Tally = { cases: 0, byKind: new Map(), byOutcome: new Map() };
  tallies.set(action, tally);
  const logged = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    for (const [index, { kind, input }] of cases.entries()) {
      logged.mockClear();
      const before = fingerprint();
      const started = performance.now();
      let result: ActionResult;
      try {
        result = await run(input);
      } catch (error) {
        problems.push(`#${index} ${kind}: threw ${String(error).slice(0, 200)}\n    input: ${show(input)}`);
        continue;
      }
      const took = performance.now() - started;
      const after = fingerprint();
      const found = [
        unclear(result),
        logged.mock.calls.length ? `logged an error: ${String(logged.mock.calls[0]![0]).slice(0, 120)}` : null,
        JSON.stringify(after) !== JSON.stringify(before) ? `wrote to the database (${JSON.stringify(before)} → ${JSON.stringify(after)})` : null,
        took > SLOW_CASE_MS ? `took ${Math.round(took)} ms` : null,
      ].filter(Boolean);
      if (found.length) problems.push(`#${index} ${kind}: ${found.join("; ")}\n    input: ${show(input)}\n    result: ${show(result)}`);
      tally.cases += 1;
      tally.byKind.set(kind, (tally.byKind.get(kind) ?? 0) + 1);
      const outcome = !result.ok && result.error === "Some fields need attention." ? "refused by validation" : "refused by a rule";
      tally.byOutcome.set(outcome, (tally.byOutcome.get(outcome) ?? 0) + 1);
      if (!examples.has(kind)) examples.set(kind, `${action} ${show(input)} → ${result.ok ? "accepted" : JSON.stringify(result.error)}`);
    }
  } finally {
    logged.mockRestore();
  }
  const list = (m: Map<string, number>) => [...m].map(([k, n]) => `${n} ${k}`).join(", ");
  console.log(`fuzz ${action}: ${tally.cases} cases (${list(tally.byKind)}); ${list(tally.byOutcome)}`);
  return problems.slice(0, 20);
}

// ---------------------------------------------------------------------------------------------

let ctx: SampleContext;
let known: Known;
const started = performance.now();

beforeAll(async () => {
  await importActionModules();
  ctx = await sampleContext();
  known = {
    emails: (await db.user.findMany({ select: { email: true }, take: 3 })).map((u) => u.email),
    toolSlugs: (await db.tool.findMany({ select: { slug: true }, take: 3 })).map((t) => t.slug),
    procedureSlugs: (await db.procedure.findMany({ select: { slug: true }, take: 3 })).map((p) => p.slug),
  };
  observer = new Database(databaseFile(), { readonly: true, fileMustExist: true });
  const tables = (observer.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'`).all() as { name: string }[]).map((t) => t.name);
  countsSql = `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}")`).join(" + ")} AS rows, (SELECT count(*) FROM "AuditEvent") AS audit, (SELECT max(seq) FROM "AuditEvent") AS lastSeq`;
});

afterAll(() => {
  observer?.close();
  const total = [...tallies.values()].reduce((sum, t) => sum + t.cases, 0);
  const kinds = new Map<string, number>();
  for (const t of tallies.values()) for (const [k, n] of t.byKind) kinds.set(k, (kinds.get(k) ?? 0) + n);
  console.log(`fuzz total: ${total} cases over ${tallies.size} actions in ${Math.round((performance.now() - started) / 1000)} s (seed ${SEED}): ${[...kinds].map(([k, n]) => `${n} ${k}`).join(", ")}`);
  for (const [kind, example] of examples) console.log(`  e.g. ${kind}: ${example.slice(0, 300)}`);
});

describe("fuzzing every action with broken input", () => {
  it("has a sample for every registered action, and a rule for every field it reads", () => {
    const registered = [...actionRegistry.keys()].filter((n) => n !== SETUP).sort();
    expect(ACTION_SAMPLES.map(([name]) => name).sort()).toEqual(registered);
    const missing = [...actionRegistry]
      .filter(([name]) => name !== SETUP)
      .flatMap(([name, entry]) => schemaFields(entry.definition!.schema).flatMap((f) => {
        try {
          ruleFor(name, f);
          return [];
        } catch (error) {
          return [(error as Error).message];
        }
      }));
    expect(missing).toEqual([]);
  });

  ACTION_SAMPLES.forEach(([name, role, makeSample], index) => {
    it(`${name}: every broken input is refused clearly and writes nothing`, async () => {
      const definition = actionRegistry.get(name)!.definition!;
      const actor = as(ctx[role]);
      const sample = await makeSample(ctx);
      const cases = fc.sample(casesFor(name, sample, schemaFields(definition.schema), known), { seed: SEED + index, numRuns: CASES_PER_ACTION });
      const problems = await fuzz(name, cases, (input) => runAction(definition, input, actor));

      // The unbroken sample is accepted (so the cases above were one step from valid input) and
      // the fingerprint sees its write; the next actions build on what it created.
      const before = fingerprint();
      const result = await runAction(definition, sample, actor);
      const after = fingerprint();
      expect(problems, `${name}: ${problems.length} problems`).toEqual([]);
      expect(result, `${name}: ${JSON.stringify(result)}`).toMatchObject({ ok: true });
      expect(after.dataVersion).not.toBe(before.dataVersion);
      expect(after.audit).toBeGreaterThan(before.audit);
    }, 120_000);
  });

  it("setup refuses every input, the well-formed ones included, once users exist", async () => {
    const sample = { email: "second.admin@example.test", name: "Second Admin", password: "Setup-Granite-2026", confirm: "Setup-Granite-2026" };
    const password = fc.string({ minLength: 12, maxLength: 60 }).filter((p) => new Set(p).size >= 5);
    const wellFormed = fc
      .record({ email: fc.emailAddress(), name: fc.string({ minLength: 1, maxLength: 60 }).filter((n) => n.trim() !== "" && !/[\u0000-\u001f\u007f]/.test(n)), password })
      .map((v) => ({ kind: "well-formed", input: { ...v, confirm: v.password } }));
    const cases = fc.sample(fc.oneof({ weight: 2, arbitrary: wellFormed }, { weight: 1, arbitrary: fc.constant({ kind: "well-formed", input: sample }) }, { weight: 5, arbitrary: casesFor(SETUP, sample, schemaFields(SetupSchema), known) }), {
      seed: SEED - 1,
      numRuns: SETUP_CASES,
    });
    const problems = await fuzz(SETUP, cases, (input) => createFirstAdmin(input, TEST_REQUEST));
    expect(problems).toEqual([]);
    expect(await createFirstAdmin(sample, TEST_REQUEST)).toMatchObject({ ok: false, error: "Setup is already complete. Sign in instead." });
  }, 120_000);
});
