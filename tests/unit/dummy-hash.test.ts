// The dummy hash verified for unknown e-mails must cost what a real user's hash costs.
import { describe, expect, it } from "vitest";
import { DUMMY_PASSWORD_HASH, HASH_PARAMETERS, hashPassword, verifyPassword } from "@/lib/auth/password";

describe("the dummy password hash", () => {
  it("has the parameters every new hash gets, so verifying it takes as long", async () => {
    expect(DUMMY_PASSWORD_HASH.startsWith(HASH_PARAMETERS)).toBe(true);
    expect((await hashPassword("Lantern-Quarry-88")).startsWith(HASH_PARAMETERS)).toBe(true);
  });

  it("is a well-formed hash that no sign-in password matches", async () => {
    expect(await verifyPassword(DUMMY_PASSWORD_HASH, "Lantern-Quarry-88")).toBe(false);
    expect(await verifyPassword(DUMMY_PASSWORD_HASH, "")).toBe(false);
  });
});
