import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, crossSiteRefusal, isHttps, makeNonce } from "@/lib/http/security";

function headers(values: Record<string, string>) {
  return (name: string) => values[name.toLowerCase()] ?? null;
}

function directives(policy: string): Map<string, string> {
  return new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.slice(d.indexOf(" ") + 1)]));
}

describe("the content security policy", () => {
  it("allows scripts only with the response's nonce in production, and nothing inline or evaluated", () => {
    const policy = directives(contentSecurityPolicy("abc123", { development: false, https: false }));
    expect(policy.get("script-src")).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy.get("style-src")).toBe("'self' 'nonce-abc123'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("form-action")).toBe("'self'");
    expect(policy.get("base-uri")).toBe("'self'");
    expect(policy.get("default-src")).toBe("'self'");
    expect([...policy.values()].join(" ")).not.toMatch(/unsafe-eval|\*|https?:/);
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("adds eval and inline styles only for the development server, and upgrades requests behind HTTPS", () => {
    const dev = directives(contentSecurityPolicy("n", { development: true, https: false }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("style-src")).toContain("'unsafe-inline'");
    expect(directives(contentSecurityPolicy("n", { development: false, https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("makes a different 128-bit nonce every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, makeNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });
});

describe("HTTPS detection", () => {
  it("trusts the URL's protocol or the first forwarded protocol", () => {
    expect(isHttps("https:", headers({}))).toBe(true);
    expect(isHttps("http:", headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttps("http:", headers({ "x-forwarded-proto": "HTTPS, http" }))).toBe(true);
    expect(isHttps("http:", headers({ "x-forwarded-proto": "http" }))).toBe(false);
    expect(isHttps("http:", headers({}))).toBe(false);
  });
});

describe("cross-site requests", () => {
  const post = { method: "POST", pathname: "/runs/abc", host: "ops.example.test" };

  it("lets a same-origin write through, with or without the fetch metadata", () => {
    expect(crossSiteRefusal(post, headers({ "sec-fetch-site": "same-origin", origin: "https://ops.example.test" }))).toBeNull();
    expect(crossSiteRefusal(post, headers({ origin: "http://ops.example.test" }))).toBeNull();
    expect(crossSiteRefusal(post, headers({}))).toBeNull();
    expect(crossSiteRefusal(post, headers({ origin: "http://OPS.example.test" }))).toBeNull();
  });

  it("refuses a write that another site's page sends", () => {
    expect(crossSiteRefusal(post, headers({ "sec-fetch-site": "cross-site", origin: "https://evil.example" }))).toMatch(/refused/);
    expect(crossSiteRefusal(post, headers({ "sec-fetch-site": "same-site", origin: "https://other.example.test" }))).toMatch(/refused/);
    // Without fetch metadata (older browsers) the Origin header decides.
    expect(crossSiteRefusal(post, headers({ origin: "https://evil.example" }))).toMatch(/another site/);
    expect(crossSiteRefusal(post, headers({ origin: "null" }))).toMatch(/another site/);
    expect(crossSiteRefusal(post, headers({ origin: "http://ops.example.test.evil.example" }))).toMatch(/another site/);
    for (const method of ["PUT", "PATCH", "DELETE", "post"]) {
      expect(crossSiteRefusal({ ...post, method }, headers({ "sec-fetch-site": "cross-site" })), method).not.toBeNull();
    }
  });

  it("accepts the configured public address when a proxy rewrites the host", () => {
    const behindProxy = { ...post, host: "127.0.0.1:3000" };
    expect(crossSiteRefusal(behindProxy, headers({ origin: "https://ops.example.test" }), ["https://ops.example.test"])).toBeNull();
    expect(crossSiteRefusal(behindProxy, headers({ origin: "http://ops.example.test" }), ["https://ops.example.test"])).not.toBeNull();
  });

  it("lets other sites link to pages, but not read the data handlers", () => {
    const cross = headers({ "sec-fetch-site": "cross-site" });
    expect(crossSiteRefusal({ method: "GET", pathname: "/runs/abc", host: "h" }, cross)).toBeNull();
    expect(crossSiteRefusal({ method: "GET", pathname: "/api/audit/export", host: "h" }, cross)).toMatch(/refused/);
    expect(crossSiteRefusal({ method: "GET", pathname: "/api/health", host: "h" }, cross)).toBeNull();
    // Typed in the address bar or opened from a mail client.
    expect(crossSiteRefusal({ method: "GET", pathname: "/api/audit/export", host: "h" }, headers({ "sec-fetch-site": "none" }))).toBeNull();
  });
});
