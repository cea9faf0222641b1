import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { renderToStaticMarkup } from "react-dom/server";
import { Markdown } from "@/components/markdown";

function render(source: string): string {
  return renderToStaticMarkup(<Markdown source={source} />);
}

/** The tags of the output. React escapes <, >, & and quotes in text, so these are real elements. */
function tagsOf(html: string): string[] {
  return html.match(/<[^>]*>/g) ?? [];
}

/** Every way the output could run script or load active content; [] when it is safe. */
function dangersIn(html: string): string[] {
  const found: string[] = [];
  for (const needle of ["<script", "<iframe", "<style", "<object", "<embed", "<svg", "<math", "<form", "<base", "<meta"]) {
    if (html.toLowerCase().includes(needle)) found.push(needle);
  }
  for (const tag of tagsOf(html)) {
    // React 19 adds <link rel="preload" as="image"> for each image; its href is checked below like any other.
    if (/^<link\b/i.test(tag) && !/^<link rel="preload" as="image" href="[^"]*"\/>$/.test(tag)) found.push(`link tag ${tag}`);
    if (/\son[a-z]+\s*=/i.test(tag)) found.push(`event handler in ${tag}`);
    if (/\sstyle\s*=/i.test(tag)) found.push(`style attribute in ${tag}`);
    if (/\ssrcdoc\s*=/i.test(tag)) found.push(`srcdoc in ${tag}`);
    // Attribute values are HTML-escaped: decode the few entities React emits before looking.
    const decoded = tag.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    const compact = decoded.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
    for (const scheme of ["javascript:", "vbscript:", "data:text/html", "data:image/svg", "data:"]) {
      if (compact.includes(scheme)) found.push(`${scheme} in ${tag}`);
    }
  }
  return found;
}

const XSS_PAYLOADS: Record<string, string> = {
  "script tag": "<script>alert(1)</script>",
  "script tag in a paragraph": "Hello <script>alert(document.cookie)</script> world",
  "script tag, mixed case and spaces": "<ScRiPt >alert(1)</ScRiPt >",
  "img onerror": '<img src=x onerror="alert(1)">',
  "img onerror, inline": "see <img src=x onerror=alert(1)> here",
  "svg onload": "<svg onload=alert(1)>",
  "svg with script": "<svg><script>alert(1)</script></svg>",
  iframe: '<iframe src="javascript:alert(1)"></iframe>',
  "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  "javascript: link": "[click me](javascript:alert(1))",
  "javascript: link, mixed case": "[click me](JaVaScRiPt:alert(1))",
  "javascript: link, entity-encoded": "[click me](&#106;&#97;vascript:alert(1))",
  "javascript: link, hex entities": "[click me](&#x6A;avascript&#x3A;alert(1))",
  "javascript: link, percent-encoded colon": "[click me](javascript%3Aalert(1))",
  "javascript: link in angle brackets with a space": "[click me](<javascript :alert(1)>)",
  "javascript: link with a tab": "[click me](<java\tscript:alert(1)>)",
  "javascript: autolink": "<javascript:alert(1)>",
  "javascript: reference link": "[click me][evil]\n\n[evil]: javascript:alert(1)",
  "javascript: image": "![pic](javascript:alert(1))",
  "javascript: link title": '[x](https://example.com "onmouseover=alert(1)")',
  "data:text/html link": "[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "data:text/html autolink": "<data:text/html,<script>alert(1)</script>>",
  "data: svg image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "vbscript link": "[x](vbscript:msgbox(1))",
  "style tag": "<style>body{display:none}</style>",
  "style attribute": '<p style="background:url(javascript:alert(1))">x</p>',
  "anchor with onclick": '<a href="#" onclick="alert(1)">x</a>',
  "event handler on a div": '<div onmouseover="alert(1)">hover</div>',
  "entity obfuscated tag": "&lt;script&gt;alert(1)&lt;/script&gt;",
  "html in a table cell": "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
  "html in a list item": "- <svg/onload=alert(1)>\n- item",
  "html in a heading": "# <script>alert(1)</script> Title",
  "html comment trick": "<!-- --><script>alert(1)</script><!-- -->",
  "object and embed": '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  "form action": '<form action="javascript:alert(1)"><button>go</button></form>',
  "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "base href": '<base href="javascript:alert(1)//">',
  "math href": '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
};

describe("Markdown rendering of hostile input", () => {
  it("has a large enough list of payloads", () => {
    expect(Object.keys(XSS_PAYLOADS).length).toBeGreaterThanOrEqual(15);
  });

  for (const [name, payload] of Object.entries(XSS_PAYLOADS)) {
    it(`neutralises ${name}`, () => {
      const html = render(payload);
      expect(dangersIn(html), html).toEqual([]);
    });
  }

  it("drops the target of unsafe links but keeps their text", () => {
    expect(render("[click me](javascript:alert(1))")).toBe('<div class="prose-ops"><p><a rel="noopener noreferrer nofollow">click me</a></p></div>');
  });

  it("shows escaped HTML as text rather than markup", () => {
    const html = render("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script");
  });

  it("stays safe for any mix of the payloads and Markdown (property)", () => {
    const fragment = fc.oneof(
      fc.constantFrom(...Object.values(XSS_PAYLOADS)),
      fc.constantFrom("# ", "- ", "> ", "`", "```\n", "\n\n", "[", "](", ")", "<", ">", "|", "---", "*", "_", "!", "&#", ";", ":", "javascript", "on", "="),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), (parts) => {
        const html = render(parts.join(""));
        expect(dangersIn(html), html).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("Markdown rendering of ordinary content", () => {
  it("renders headings", () => {
    const html = render("# Check backups\n\n## Why\n\n### How");
    expect(html).toContain("<h1>Check backups</h1>");
    expect(html).toContain("<h2>Why</h2>");
    expect(html).toContain("<h3>How</h3>");
  });

  it("renders ordered and unordered lists and emphasis", () => {
    const html = render("1. First\n2. Second\n\n- **Bold** item\n- *emphasised* item");
    expect(html).toMatch(/<ol>\s*<li>First<\/li>\s*<li>Second<\/li>\s*<\/ol>/);
    expect(html).toMatch(/<ul>\s*<li><strong>Bold<\/strong> item<\/li>\s*<li><em>emphasised<\/em> item<\/li>\s*<\/ul>/);
  });

  it("renders GFM tables, task lists and strikethrough", () => {
    const table = render("| Counter | Threshold |\n|---|---:|\n| Submission queue | 100 |");
    expect(table).toContain("<table>");
    expect(table).toMatch(/<thead><tr><th>Counter<\/th><th[^>]*>Threshold<\/th><\/tr><\/thead>/);
    expect(table).toMatch(/<tbody><tr><td>Submission queue<\/td><td[^>]*>100<\/td><\/tr><\/tbody>/);
    expect(render("~~old~~")).toContain("<del>old</del>");
    const tasks = render("- [x] done\n- [ ] open");
    expect(tasks).toMatch(/<input[^>]*type="checkbox"[^>]*checked=""/);
    expect(tasks).toMatch(/<input[^>]*disabled=""/);
  });

  it("renders code blocks and inline code, keeping their text", () => {
    const html = render("Run `Get-Queue`:\n\n```powershell\nGet-Queue | Where-Object {$_.MessageCount -gt 100}\n```");
    expect(html).toContain("<code>Get-Queue</code>");
    expect(html).toContain('<pre><code class="language-powershell">Get-Queue | Where-Object {$_.MessageCount -gt 100}\n</code></pre>');
  });

  it("keeps https, mailto, relative and fragment links, marked rel=noopener", () => {
    const html = render("[docs](https://learn.microsoft.com/exchange) [mail](mailto:ops@example.com) [library](/procedures?cadence=DAILY) [top](#top)");
    expect(html).toContain('<a href="https://learn.microsoft.com/exchange" rel="noopener noreferrer nofollow">docs</a>');
    expect(html).toContain('<a href="mailto:ops@example.com" rel="noopener noreferrer nofollow">mail</a>');
    expect(html).toContain('<a href="/procedures?cadence=DAILY" rel="noopener noreferrer nofollow">library</a>');
    expect(html).toMatch(/<a href="#[^"]*top" rel="noopener noreferrer nofollow">top<\/a>/);
  });

  it("turns bare https URLs into links (GFM autolink literals)", () => {
    expect(render("See https://example.com/queues for more.")).toContain('<a href="https://example.com/queues" rel="noopener noreferrer nofollow">https://example.com/queues</a>');
  });

  it("renders blockquotes and images with https sources", () => {
    expect(render("> Note")).toMatch(/<blockquote>\s*<p>Note<\/p>\s*<\/blockquote>/);
    expect(render("![diagram](https://example.com/d.png)")).toContain('<img src="https://example.com/d.png" alt="diagram"/>');
  });

  it("wraps everything in the prose container", () => {
    expect(render("")).toBe('<div class="prose-ops"></div>');
    expect(render("text")).toBe('<div class="prose-ops"><p>text</p></div>');
  });
});
