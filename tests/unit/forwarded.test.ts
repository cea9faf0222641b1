import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/http/forwarded.mjs";

describe("the client address", () => {
  it("is the connection's address when no proxy is trusted, whatever the client claims", () => {
    expect(clientAddress("192.0.2.7", undefined, 0)).toBe("192.0.2.7");
    expect(clientAddress("192.0.2.7", "1.2.3.4", 0)).toBe("192.0.2.7");
    expect(clientAddress("::ffff:192.0.2.7", "1.2.3.4, 5.6.7.8", 0)).toBe("192.0.2.7");
    expect(clientAddress(undefined, "1.2.3.4", 0)).toBe("unknown");
  });

  it("behind one trusted proxy is the entry that proxy appended, not what the client wrote before it", () => {
    // The proxy (socket 10.0.0.2) appended the address it saw, 198.51.100.9.
    expect(clientAddress("10.0.0.2", "198.51.100.9", 1)).toBe("198.51.100.9");
    expect(clientAddress("10.0.0.2", "1.2.3.4, 198.51.100.9", 1)).toBe("198.51.100.9");
    expect(clientAddress("10.0.0.2", ["1.2.3.4", "198.51.100.9"], 1)).toBe("198.51.100.9");
  });

  it("behind two proxies skips both", () => {
    expect(clientAddress("10.0.0.3", "6.6.6.6, 198.51.100.9, 10.0.0.2", 2)).toBe("198.51.100.9");
  });

  it("falls back to the leftmost known entry when a request skipped a proxy", () => {
    expect(clientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "", 2)).toBe("10.0.0.2");
  });

  it("bounds what it keeps", () => {
    expect(clientAddress("10.0.0.2", "x".repeat(5000), 1)).toHaveLength(100);
  });
});
