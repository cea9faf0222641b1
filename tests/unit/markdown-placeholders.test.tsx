import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { Markdown } from "@/components/markdown";
import { CommandBlock } from "@/components/procedures/command-block";
import type { PlaceholderContext } from "@/lib/procedures/placeholders";

const CTX: PlaceholderContext = {
  server: { name: "EXEDGE01", fqdn: "exedge01.contoso.com", site: "DMZ", storageGroups: ["SG A", "SG B"], vars: { queueDrive: "D:" } },
  org: { domainController: "dc01.contoso.local" },
};
const md = (source: string, placeholders?: PlaceholderContext | null) => renderToStaticMarkup(<Markdown source={source} placeholders={placeholders} />);

describe("placeholders in Markdown", () => {
  it("fills in prose, inline code and code blocks for a server", () => {
    const html = md("Check **{{server}}** on {{var:queueDrive}}.\n\nRun `Get-Queue -Server {{server}}`.\n\n```\nGet-StorageGroupCopyStatus \"{{server}}\\{{storageGroup}}\"\n```", CTX);
    expect(html).toContain("<strong>EXEDGE01</strong> on D:.");
    expect(html).toContain("<code>Get-Queue -Server EXEDGE01</code>");
    expect(html).toContain("<pre><code>Get-StorageGroupCopyStatus &quot;EXEDGE01\\SG A&quot;\nGet-StorageGroupCopyStatus &quot;EXEDGE01\\SG B&quot;</code></pre>");
  });

  it("shows a placeholder without a value as a chip, and leaves them as written without the prop", () => {
    const html = md("On {{server}}, ask {{org:domainController}}: `Get-Queue -Server {{server}}`", null);
    expect(html).toContain("On <var");
    expect(html).toContain("‹server›</var>, ask <var");
    expect(html).toContain("‹org:domainController›</var>");
    expect(html).toContain("<code>Get-Queue -Server <var");
    expect(md("On {{server}}.")).toContain("On {{server}}.");
  });

  it("never reads a value as Markdown or HTML, and never fills in a link target", () => {
    const hostile: PlaceholderContext = { server: { ...CTX.server!, name: "<img src=x onerror=alert(1)>**bold**" }, org: {} };
    const html = md("Server {{server}} and [link](https://example.com/{{server}})", hostile);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;**bold**");
    expect(html).toContain('href="https://example.com/%7B%7Bserver%7D%7D"');
  });

  it("keeps each context's rendering apart in the cache", () => {
    expect(md("On {{server}}.", CTX)).toContain("On EXEDGE01.");
    expect(md("On {{server}}.", { ...CTX, server: { ...CTX.server!, name: "EXHUB01" } })).toContain("On EXHUB01.");
  });
});

describe("CommandBlock", () => {
  it("shows one block per storage group, values marked, and copies the filled-in command", () => {
    const html = renderToStaticMarkup(<CommandBlock command={'Get-X "{{server}}\\{{storageGroup}}" -Y {{var:logDrive}}'} context={CTX} />);
    expect(html.match(/data-testid="command-text"/g)).toHaveLength(2);
    expect(html).toContain('aria-label="Copy command: Get-X &quot;EXEDGE01\\SG A&quot; -Y &lt;var:logDrive&gt;"');
    expect(html).toContain("‹var:logDrive›</span>");
    expect(html).toContain('title="{{storageGroup}}">SG B</span>');
  });

  it("shows chips without a context", () => {
    const html = renderToStaticMarkup(<CommandBlock command="Get-Queue -Server {{server}}" />);
    expect(html).toContain('aria-label="Copy command: Get-Queue -Server &lt;server&gt;"');
  });
});
