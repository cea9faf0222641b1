import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  driveProblem,
  escapeDoubleQuoted,
  escapeSingleQuoted,
  findPlaceholders,
  hostProblem,
  isBareword,
  nameProblem,
  parsePlaceholder,
  pathProblem,
  renderCommand,
  renderText,
  substituteText,
  validatePlaceholders,
  variableValueProblem,
  type PlaceholderContext,
} from "@/lib/procedures/placeholders";

const CTX: PlaceholderContext = {
  server: {
    name: "EXEDGE01",
    fqdn: "exedge01.perimeter.contoso.com",
    site: "London-DMZ",
    storageGroups: ["First Storage Group", "SG2 (Archive)"],
    vars: { queueDrive: "E:", logPath: "E:\\Exchange Logs" },
  },
  org: { domainController: "dc01.contoso.local", netbiosDomain: "CONTOSO" },
};
const KNOWN = { serverVars: ["queueDrive", "logPath"], orgVars: ["domainController", "netbiosDomain"] };
const texts = (template: string, ctx: PlaceholderContext | null = CTX) => renderCommand(template, ctx).map((r) => r.text);
const withValue = (v: string): PlaceholderContext => ({ server: { ...CTX.server!, vars: { v } }, org: { v } });

// ---------------------------------------------------------------------------------------------
// An independent reader of PowerShell arguments (argument mode, one command): written from the
// language's quoting rules, not from the renderer, so that the property tests check one against
// the other. It refuses anything that would run code instead of passing text: a variable, a
// subexpression, a parenthesised expression, a pipeline, a statement separator or a redirection.

const SQ = "'\u2018\u2019\u201A\u201B";
const DQ = "\"\u201C\u201D\u201E";
const ENDS = " \t\r\n;|&(){}<>,";

function readArguments(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  const readSingle = (): string => {
    let out = "";
    i++;
    for (;;) {
      if (i >= line.length) throw new Error("unterminated single-quoted string");
      const c = line[i]!;
      if (SQ.includes(c)) {
        if (i + 1 < line.length && SQ.includes(line[i + 1]!)) {
          out += line[i + 1];
          i += 2;
          continue;
        }
        i++;
        return out;
      }
      out += c;
      i++;
    }
  };
  const readDouble = (): string => {
    let out = "";
    i++;
    for (;;) {
      if (i >= line.length) throw new Error("unterminated double-quoted string");
      const c = line[i]!;
      if (c === "`") {
        const next = line[i + 1];
        if (next === undefined) throw new Error("dangling backtick");
        if ("0abefnrtvu".includes(next)) throw new Error(`special escape \`${next}`);
        out += next;
        i += 2;
        continue;
      }
      if (c === "$") throw new Error("variable or subexpression inside a double-quoted string");
      if (DQ.includes(c)) {
        if (i + 1 < line.length && DQ.includes(line[i + 1]!)) {
          out += line[i + 1];
          i += 2;
          continue;
        }
        i++;
        return out;
      }
      out += c;
      i++;
    }
  };
  while (i < line.length) {
    const c = line[i]!;
    if (" \t".includes(c)) {
      i++;
      continue;
    }
    if (ENDS.includes(c)) throw new Error(`operator ${JSON.stringify(c)} at ${i}`);
    if (c === "#") throw new Error("comment");
    let arg = "";
    // A token that starts with a quote ends at its closing quote.
    if (SQ.includes(c)) {
      args.push(readSingle());
      continue;
    }
    if (DQ.includes(c)) {
      args.push(readDouble());
      continue;
    }
    while (i < line.length && !ENDS.includes(line[i]!)) {
      const d = line[i]!;
      if (d === "`") {
        arg += line[i + 1] ?? "";
        i += 2;
      } else if (d === "$") {
        throw new Error("variable");
      } else if (SQ.includes(d)) {
        arg += readSingle();
      } else if (DQ.includes(d)) {
        arg += readDouble();
      } else {
        arg += d;
        i++;
      }
    }
    if (i < line.length && !" \t".includes(line[i]!)) throw new Error(`operator ${JSON.stringify(line[i])} at ${i}`);
    args.push(arg);
  }
  return args;
}

describe("the independent argument reader", () => {
  it("reads the quoting forms the renderer produces", () => {
    expect(readArguments("Get-X -A 'it''s' -B \"a`$b\" c")).toEqual(["Get-X", "-A", "it's", "-B", "a$b", "c"]);
    expect(readArguments("Get-X pre'a b'post")).toEqual(["Get-X", "prea bpost"]);
    expect(() => readArguments("Get-X (Stop-Computer)")).toThrow(/operator/);
    expect(() => readArguments("Get-X 'a")).toThrow(/unterminated/);
    expect(() => readArguments("Get-X a; Stop-Computer")).toThrow(/operator/);
  });
});

// ---------------------------------------------------------------------------------------------

describe("findPlaceholders", () => {
  it("finds every {{…}} with its offsets, and nothing in single braces or <…>", () => {
    const text = "Get-Queue -Server {{server}} | Where-Object { $_.MessageCount -gt 100 } ; Retry-Queue -Identity {{server}}\\<QueueId> {{var:queueDrive}}";
    expect(findPlaceholders(text).map((p) => p.name)).toEqual(["server", "server", "var:queueDrive"]);
    const [first] = findPlaceholders(text);
    expect(text.slice(first!.start, first!.end)).toBe("{{server}}");
  });

  it("takes the innermost pair when braces are tripled, and ignores broken or empty pairs", () => {
    expect(findPlaceholders("{{{server}}}").map((p) => p.name)).toEqual(["server"]);
    expect(findPlaceholders("{{}} {{a\nb}} {{server} {{ {x}}")).toEqual([]);
  });

  it("reads double braces around anything but a name as text (PowerShell code, template payloads)", () => {
    expect(findPlaceholders("ForEach-Object {{$_.Name}} {{constructor.constructor('alert(1)')()}}")).toEqual([]);
    expect(validatePlaceholders("{{constructor.constructor('alert(1)')()}} {{$x}}", KNOWN)).toEqual([]);
    expect(findPlaceholders("{{ server }} {{var:queue-drive}}").map((p) => p.name)).toEqual([" server ", "var:queue-drive"]);
  });

  it("stays linear on text full of opening braces", () => {
    const started = performance.now();
    expect(findPlaceholders("{{".repeat(100_000))).toEqual([]);
    expect(findPlaceholders(`{{${"a".repeat(100_000)}`)).toEqual([]);
    // Not a timed assertion of the product: a quadratic scan would take minutes here.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("parses the names Opsbook knows", () => {
    expect(parsePlaceholder("server")).toEqual({ kind: "field", field: "server" });
    expect(parsePlaceholder("storageGroup")).toEqual({ kind: "field", field: "storageGroup" });
    expect(parsePlaceholder("var:queueDrive")).toEqual({ kind: "var", variable: "queueDrive" });
    expect(parsePlaceholder("org:domainController")).toEqual({ kind: "org", variable: "domainController" });
    for (const bad of ["Server", " server", "var:", "var:1x", "var:a_b", "org:a-b", "env:PATH", "nope"]) expect(parsePlaceholder(bad), bad).toBeNull();
  });
});

describe("validatePlaceholders", () => {
  it("accepts known names and text without placeholders", () => {
    expect(validatePlaceholders("Get-Queue -Server {{server}} -Filter {{var:queueDrive}} {{org:netbiosDomain}}", KNOWN)).toEqual([]);
    expect(validatePlaceholders("Where-Object { $_.X -gt 1 } <QueueId>", KNOWN)).toEqual([]);
  });

  it("names each bad placeholder once and lists the valid ones", () => {
    const problems = validatePlaceholders("{{nope}} {{nope}} {{var:logDrive}} {{org:gateway}}", KNOWN);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^\{\{nope\}\} is not a placeholder/);
    expect(problems[1]).toMatch(/^\{\{var:logDrive\}\} names no per-server variable/);
    expect(problems[2]).toMatch(/^\{\{org:gateway\}\} names no organisation variable/);
    for (const p of problems) expect(p).toContain("Valid placeholders: {{server}}, {{fqdn}}, {{site}}, {{storageGroup}}, {{var:queueDrive}}, {{var:logPath}}, {{org:domainController}}, {{org:netbiosDomain}}.");
  });

  it("suggests the spelling without spaces, and catches a pair that is never closed", () => {
    expect(validatePlaceholders("{{ server }}", KNOWN)[0]).toContain("Write it without spaces, as {{server}}.");
    expect(validatePlaceholders("Get-Queue -Server {{server}", KNOWN)[0]).toMatch(/^"\{\{server…" opens a placeholder that is not closed/);
  });
});

describe("values: what may be saved for each kind", () => {
  it("accepts drive letters, paths, names and host names of the safe shapes", () => {
    expect(driveProblem("E:")).toBeNull();
    expect(pathProblem("E:\\Exchange Server\\Mailbox (SG1)")).toBeNull();
    expect(nameProblem("First Storage Group")).toBeNull();
    expect(hostProblem("dc01.contoso.local")).toBeNull();
    expect(hostProblem("10.0.0.1")).toBeNull();
    expect(variableValueProblem("NAME", "CONTOSO")).toBeNull();
  });

  it("refuses what could end a literal, start a variable or a command, or end a line", () => {
    for (const v of ["E", "E:\\", "EE:", "1:", "E:x"]) expect(driveProblem(v), v).not.toBeNull();
    for (const v of ["E:", "E:\\", "E:\\Logs\\", "E:\\a\\\\b", "\\\\server\\share", "E:\\..\\Windows", "E:\\a'b", "E:\\a$b", "E:\\a`b", "E:\\a;b", "E:\\a|b", "E:\\a&b", "E:\\a\nb", "E:\\ a", "E:\\\"x\""]) {
      expect(pathProblem(v), v).not.toBeNull();
    }
    for (const v of ["", " x", "x ", "a'b", "a\u2019b", "$x", "a;b", "a|b", "a\nb", "a\"b", "a`b", "x".repeat(65), "a,b", "a{b}", "a@b"]) expect(nameProblem(v), v).not.toBeNull();
    for (const v of ["", "-dc01", "dc01-", "dc 01", "dc01..local", "dc_01", "a'b", "x".repeat(64)]) expect(hostProblem(v), v).not.toBeNull();
  });
});

describe("renderCommand", () => {
  it("puts the run's server in (B1: EXEDGE01, not EXHUB01)", () => {
    expect(texts("Get-Queue -Server {{server}} | Sort-Object MessageCount -Descending")).toEqual(["Get-Queue -Server EXEDGE01 | Sort-Object MessageCount -Descending"]);
    expect(texts("Get-Message -Queue {{server}}\\Poison")).toEqual(["Get-Message -Queue EXEDGE01\\Poison"]);
    expect(texts("Retry-Queue -Identity {{server}}\\<QueueId>")).toEqual(["Retry-Queue -Identity EXEDGE01\\<QueueId>"]);
    expect(texts("mbsacli /target {{org:netbiosDomain}}\\{{server}}")).toEqual(["mbsacli /target CONTOSO\\EXEDGE01"]);
  });

  it("renders a command once per storage group", () => {
    expect(texts('Get-ChildItem "{{var:logPath}}\\{{storageGroup}}" -Filter *.log')).toEqual([
      'Get-ChildItem "E:\\Exchange Logs\\First Storage Group" -Filter *.log',
      'Get-ChildItem "E:\\Exchange Logs\\SG2 (Archive)" -Filter *.log',
    ]);
    const none: PlaceholderContext = { server: { ...CTX.server!, storageGroups: [] }, org: {} };
    expect(texts('Get-StorageGroup "{{server}}\\{{storageGroup}}"', none)).toEqual(['Get-StorageGroup "EXEDGE01\\<storageGroup>"']);
  });

  it("quotes a value that is not a plain word, with the text beside it in the same literal", () => {
    expect(texts("Get-ChildItem {{var:logPath}}\\{{storageGroup}} -Filter *.log")).toEqual([
      "Get-ChildItem 'E:\\Exchange Logs\\First Storage Group' -Filter *.log",
      "Get-ChildItem 'E:\\Exchange Logs\\SG2 (Archive)' -Filter *.log",
    ]);
    expect(texts("Export-EdgeConfig -Path:{{var:logPath}}")).toEqual(["Export-EdgeConfig -Path:'E:\\Exchange Logs'"]);
  });

  it("quotes a plain word where it would start a command or an expression", () => {
    expect(texts("{{server}}")).toEqual(["'EXEDGE01'"]);
    expect(texts("$target = {{server}}")).toEqual(["$target = 'EXEDGE01'"]);
    expect(texts("Get-Queue | ForEach-Object { {{server}} }")).toEqual(["Get-Queue | ForEach-Object { 'EXEDGE01' }"]);
    expect(texts("Get-X -Base dc={{org:netbiosDomain}}")).toEqual(["Get-X -Base dc='CONTOSO'"]);
  });

  it("quotes a value that starts with a digit (1E5, 0x10 and 1KB would be read as numbers)", () => {
    expect(isBareword("1E5")).toBe(false);
    expect(texts("Get-X -Server {{server}}", { server: { ...CTX.server!, name: "1E5" }, org: {} })).toEqual(["Get-X -Server '1E5'"]);
  });

  it("escapes for the literal a placeholder stands in", () => {
    const v = withValue("it's $x \"q\" `t");
    expect(texts("Get-X -A '{{var:v}}'", v)).toEqual(["Get-X -A 'it''s $x \"q\" `t'"]);
    expect(texts('Get-X -A "{{var:v}}"', v)).toEqual(['Get-X -A "it\'s `$x `"q`" ``t"']);
    expect(texts("Get-X -A {{var:v}}", v)).toEqual(["Get-X -A 'it''s $x \"q\" `t'"]);
    expect(texts("Get-X # {{var:v}}", withValue("a\nStop-Computer"))).toEqual(["Get-X # a Stop-Computer"]);
    expect(texts("$s = @'\n{{var:v}}\n'@", withValue("a\n'@\nStop-Computer"))).toEqual(["$s = @'\na '@ Stop-Computer\n'@"]);
  });

  it("treats a subexpression inside a double-quoted string as code again", () => {
    expect(texts('"$(Get-X -Identity {{var:v}})"', withValue("(Stop-Computer)"))).toEqual(["\"$(Get-X -Identity '(Stop-Computer)')\""]);
    expect(texts('"{{var:v}} and $(Get-X {{var:v}}) and {{var:v}}"', withValue("a b"))).toEqual(["\"a b and $(Get-X 'a b') and a b\""]);
  });

  it("keeps a placeholder after a backtick whole, with its characters escaped", () => {
    expect(texts("Get-X `{{var:v}}", withValue("(Stop-Computer)"))).toEqual(["Get-X `(Stop`-Computer`)"]);
    expect(readArguments("Get-X `(Stop`-Computer`)")).toEqual(["Get-X", "(Stop-Computer)"]);
  });

  it("shows a placeholder without a value as <name> to copy and as a missing segment", () => {
    const [command] = renderCommand("Get-Queue -Server {{server}} -X {{var:nope}}", null);
    expect(command!.text).toBe("Get-Queue -Server <server> -X <var:nope>");
    expect(command!.segments).toEqual([
      { kind: "text", text: "Get-Queue -Server " },
      { kind: "missing", name: "server", label: "server" },
      { kind: "text", text: " -X " },
      { kind: "missing", name: "var:nope", label: "var:nope" },
    ]);
    expect(renderCommand("Get-Queue -Server {{server}}", CTX)[0]!.segments).toEqual([
      { kind: "text", text: "Get-Queue -Server " },
      { kind: "value", name: "server", text: "EXEDGE01" },
    ]);
  });

  it("uses organisation values without a server, and leaves names it does not know as written", () => {
    expect(texts("repadmin /showutdvec {{org:domainController}} {{server}}", { server: null, org: CTX.org })).toEqual(["repadmin /showutdvec dc01.contoso.local <server>"]);
    expect(texts("Get-X {{nope}} {{ server }}")).toEqual(["Get-X {{nope}} {{ server }}"]);
    expect(texts("")).toEqual([""]);
  });
});

describe("renderText and substituteText (prose)", () => {
  it("fills in values as they are, storage groups joined, and marks what is missing", () => {
    expect(substituteText("Free space on {{var:queueDrive}} of {{server}} ({{storageGroup}}); {{var:nope}}", CTX)).toBe(
      "Free space on E: of EXEDGE01 (First Storage Group, SG2 (Archive)); ‹var:nope›",
    );
    expect(renderText("On {{server}}.", null)).toEqual([
      { kind: "text", text: "On " },
      { kind: "missing", name: "server", label: "server" },
      { kind: "text", text: "." },
    ]);
    expect(substituteText("No placeholders { here }", CTX)).toBe("No placeholders { here }");
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: no value can break out of the literal it is put in.

const NAME_CHARS = "abcXYZ019 ._()-";
const nameChar = fc.constantFrom(...NAME_CHARS.split(""));
const acceptedName = fc.string({ unit: nameChar, minLength: 1, maxLength: 64 }).filter((v) => nameProblem(v) === null);
const acceptedDrive = fc.constantFrom(..."CDEFZcz".split("")).map((l) => `${l}:`);
const acceptedPath = fc
  .tuple(acceptedDrive, fc.array(fc.string({ unit: nameChar, minLength: 1, maxLength: 20 }).filter((s) => nameProblem(s) === null && s !== "." && s !== ".."), { minLength: 1, maxLength: 5 }))
  .map(([d, parts]) => `${d}\\${parts.join("\\")}`)
  .filter((v) => pathProblem(v) === null);
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const acceptedHost = fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join(".")).filter((v) => hostProblem(v) === null);
const accepted = fc.oneof(acceptedName, acceptedDrive, acceptedPath, acceptedHost);

const DANGEROUS = ["'", '"', "`", "$", "(", ")", ";", "|", "&", "\n", "\r", "#", "@", "{", "}", "<", ">", ",", " ", "\u2018", "\u2019", "\u201C", "\u201D", "\u201E", "\u201A", "\u201B", "a", "Z", "0", "-", ":", "\\"];
const hostile = fc.oneof(fc.string({ unit: fc.constantFrom(...DANGEROUS), minLength: 1, maxLength: 30 }), fc.string({ unit: "binary", minLength: 1, maxLength: 30 }));

/** The arguments of a command with the value in place; the value must come back whole. */
function argumentsWith(template: string, value: string): string[] {
  const [command] = renderCommand(template, withValue(value));
  return readArguments(command!.text);
}

describe("properties of the quoting", () => {
  it("a value accepted when saved stays one argument, whatever the context", () => {
    fc.assert(
      fc.property(accepted, (v) => {
        expect(argumentsWith("Get-X -A {{var:v}} -B end", v)).toEqual(["Get-X", "-A", v, "-B", "end"]);
        expect(argumentsWith("Get-X -A {{var:v}}\\Poison -B end", v)).toEqual(["Get-X", "-A", `${v}\\Poison`, "-B", "end"]);
        expect(argumentsWith("Get-X -A CONTOSO\\{{var:v}} -B end", v)).toEqual(["Get-X", "-A", `CONTOSO\\${v}`, "-B", "end"]);
        expect(argumentsWith("Get-X -A '{{var:v}}' -B end", v)).toEqual(["Get-X", "-A", v, "-B", "end"]);
        expect(argumentsWith('Get-X -A "pre {{var:v}} post" -B end', v)).toEqual(["Get-X", "-A", `pre ${v} post`, "-B", "end"]);
        expect(argumentsWith("Get-X -A `{{var:v}} -B end", v)).toEqual(["Get-X", "-A", v, "-B", "end"]);
      }),
      { numRuns: 500 },
    );
  });

  it("any text at all stays inside its quotes (the validators are not the only defence)", () => {
    fc.assert(
      fc.property(hostile, (v) => {
        expect(argumentsWith("Get-X -A {{var:v}} -B end", v)).toEqual(["Get-X", "-A", v, "-B", "end"]);
        expect(argumentsWith("Get-X -A {{var:v}}\\Poison -B end", v)).toEqual(["Get-X", "-A", `${v}\\Poison`, "-B", "end"]);
        expect(argumentsWith("Get-X -A '{{var:v}}' -B end", v)).toEqual(["Get-X", "-A", v, "-B", "end"]);
        expect(argumentsWith('Get-X -A "pre {{var:v}} post" -B end', v)).toEqual(["Get-X", "-A", `pre ${v} post`, "-B", "end"]);
      }),
      { numRuns: 1000 },
    );
  });

  it("a value is always rendered so that the text after it is still read as the template wrote it", () => {
    fc.assert(
      fc.property(hostile, (v) => {
        const [a] = renderCommand("$x = {{var:v}}; Get-Y", withValue(v));
        expect(a!.text.startsWith(`$x = '${escapeSingleQuoted(v)}'; Get-Y`)).toBe(true);
        expect(escapeDoubleQuoted(v).replace(/`(.)/gsu, "$1")).toBe(v);
      }),
      { numRuns: 300 },
    );
  });
});
