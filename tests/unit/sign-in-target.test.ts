import { describe, expect, it } from "vitest";
import { safeTarget } from "@/components/forms/sign-in-form";

const origin = "https://ops.example.test";

describe("where sign-in goes next", () => {
  it("follows paths of the portal, with their query and fragment", () => {
    expect(safeTarget("/runs/abc?tab=1#item-3", origin)).toBe("/runs/abc?tab=1#item-3");
    expect(safeTarget("/today", origin)).toBe("/today");
    expect(safeTarget(undefined, origin)).toBe("/");
  });

  it("never leaves the portal, however the address is disguised", () => {
    for (const target of [
      "//evil.example/x",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "evil.example",
      "/%09/evil.example",
      " //evil.example",
    ]) {
      const next = safeTarget(target, origin);
      expect(new URL(next, origin).origin, JSON.stringify(target)).toBe(origin);
    }
  });
});
