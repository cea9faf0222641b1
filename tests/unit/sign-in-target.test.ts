import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_CALLBACK_TARGET_LENGTH, isResolvedCallbackTarget, resolveCallbackTarget } from "@/lib/auth/callback-target";

const origin = "https://ops.example.test";

/** What every answer must be: "/" or a single "/" then a character that starts no other host. */
function expectPathOfPortal(next: string, target: unknown) {
  const label = JSON.stringify(target)?.slice(0, 200);
  expect(next === "/" || /^\/[^/\\]/.test(next), label).toBe(true);
  expect(new URL(next, origin).origin, label).toBe(origin);
  // Read once more as a browser would (a Location header, window.location.assign) it stays put too.
  expect(new URL(next, "http://another.example.test").origin, label).toBe("http://another.example.test");
  expect(resolveCallbackTarget(next, origin), label).toBe(next);
}

// Addresses a tester or an attacker has tried, each meant to leave the portal after sign-in.
const DISGUISES = [
  "//evil.example/x",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/./\\evil.example",
  "/../\\evil.example",
  "/a/..//evil.example",
  "/%2e//evil.example",
  "/%2e%2e//evil.example",
  "/.%2e//evil.example",
  "/./../..//evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\0/evil.example",
  "/\u007f/evil.example",
  "/%09/evil.example",
  "/%2f%2fevil.example",
  "/%2F/evil.example",
  "/%5cevil.example",
  "/%5C%5Cevil.example",
  "%2f%2fevil.example",
  " //evil.example",
  "\t//evil.example",
  "https://evil.example",
  "http://evil.example",
  "http:evil.example",
  "https:evil.example",
  "http:/evil.example",
  "https:\\\\evil.example",
  "HTTPS://EVIL.EXAMPLE",
  "https://ops.example.test@evil.example/",
  "https://ops.example.test.evil.example/",
  "http://ops.example.test/",
  "https://ops.example.test:8443/",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "blob:https://ops.example.test/x",
  "evil.example",
  "//",
  "/\\",
  `/${"a".repeat(MAX_CALLBACK_TARGET_LENGTH)}`,
  `/${"/".repeat(5000)}evil.example`,
];

describe("where sign-in goes next", () => {
  it("follows paths of the portal, with their query and fragment", () => {
    expect(resolveCallbackTarget("/runs/abc?tab=1#item-3", origin)).toBe("/runs/abc?tab=1#item-3");
    expect(resolveCallbackTarget("/today", origin)).toBe("/today");
    expect(resolveCallbackTarget("/", origin)).toBe("/");
  });

  it("follows an absolute address of the portal itself, as its path", () => {
    expect(resolveCallbackTarget("https://ops.example.test/runs/abc?x=1", origin)).toBe("/runs/abc?x=1");
    expect(resolveCallbackTarget("https://OPS.example.test:443/today", origin)).toBe("/today");
    expect(resolveCallbackTarget("https://ops.example.test", origin)).toBe("/");
  });

  it("lets the URL parser resolve dot segments and backslashes inside the portal", () => {
    expect(resolveCallbackTarget("/runs/./abc", origin)).toBe("/runs/abc");
    expect(resolveCallbackTarget("/procedures/../runs", origin)).toBe("/runs");
    expect(resolveCallbackTarget("/runs\\abc", origin)).toBe("/runs/abc");
    expect(resolveCallbackTarget("/a/%2e%2e/today", origin)).toBe("/today");
  });

  it("goes to the start page for anything that is not a string or is empty", () => {
    for (const target of [undefined, null, 42, {}, ["/today"], ""]) expect(resolveCallbackTarget(target, origin)).toBe("/");
  });

  it("refuses over-long input outright rather than cutting it", () => {
    const path = `/${"a".repeat(MAX_CALLBACK_TARGET_LENGTH - 1)}`;
    expect(resolveCallbackTarget(path, origin)).toBe(path);
    expect(resolveCallbackTarget(`${path}a`, origin)).toBe("/");
  });

  it("goes to the start page when the origin it is given is not a URL", () => {
    expect(resolveCallbackTarget("/today", "not a url")).toBe("/");
  });

  it("never leaves the portal, however the address is disguised", () => {
    for (const target of DISGUISES) {
      const next = resolveCallbackTarget(target, origin);
      expectPathOfPortal(next, target);
      // A scheme-relative "https:evil.example" is a path of the portal on an https portal; the rest
      // resolve to the start page.
      if (!/^https?:evil/.test(target)) expect(next, JSON.stringify(target).slice(0, 200)).toBe("/");
    }
  });

  it("sends the dot-segment disguises that escaped the earlier check to the start page", () => {
    // The parser turns "/.//x" into the path "//x", which a browser then reads as the host x.
    expect(resolveCallbackTarget("/.//evil.example", origin)).toBe("/");
    expect(resolveCallbackTarget("/..//evil.example", origin)).toBe("/");
    expect(resolveCallbackTarget("/./\\evil.example", origin)).toBe("/");
  });

  it("never leaves the portal for any generated string (property)", () => {
    const pieces = fc.constantFrom(
      "/", "//", "\\", ".", "..", "./", "../", "%2f", "%2F", "%5c", "%2e", "%2e%2e", "%09", "%00", "\t", "\n", "\r", "\0",
      " ", "@", ":", "?", "#", "evil.example", "ops.example.test", "https:", "http:", "javascript:", "data:", "a", "\u3002", "\uff0f",
    );
    const target = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join("")),
      fc.array(pieces, { maxLength: 12 }).map((parts) => `/${parts.join("")}`),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.webPath().map((p) => `/${p}`),
    );
    fc.assert(
      fc.property(target, (value) => {
        expectPathOfPortal(resolveCallbackTarget(value, origin), value);
      }),
      { numRuns: 5_000 },
    );
  });

  it("keeps any ordinary path of the portal as it is (property)", () => {
    const segment = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.option(segment), (segments, query) => {
        const path = `/${segments.join("/")}${query ? `?q=${query}` : ""}`;
        expect(resolveCallbackTarget(path, origin)).toBe(path);
      }),
    );
  });
});

describe("which stored callback targets are kept", () => {
  it("keeps the forms the portal writes, in either form", () => {
    expect(isResolvedCallbackTarget("/runs/abc", origin)).toBe(true);
    expect(isResolvedCallbackTarget("https://ops.example.test/runs/abc", origin)).toBe(true);
    expect(isResolvedCallbackTarget("https://ops.example.test/", origin)).toBe(true);
    expect(isResolvedCallbackTarget("https://ops.example.test", origin)).toBe(true);
  });

  it("drops every other value", () => {
    for (const value of ["https://ops.example.test:443/", "/runs/./abc", "https://evil.example/", "javascript:alert(1)", "/\n/evil.example", "%", "{}", "/.//evil.example"]) {
      expect(isResolvedCallbackTarget(value, origin), JSON.stringify(value)).toBe(false);
    }
  });
});
