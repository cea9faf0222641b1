import { describe, expect, it } from "vitest";
import { isCommonPassword } from "@/lib/users/password-policy";
import { PasswordSchema } from "@/lib/users/schemas";

describe("the password policy", () => {
  const refused = [
    "Password2026!", "password1234", "P@ssw0rd12345", "qwerty123456", "Qwertyuiop12", "Welcome2026!!", "letmein12345!",
    "Admin!Admin!1", "123456789012", "!!!!!!!!!!!!", "aaaaaaaaaaaa1", "abcd1234abcd", "Opsbook2026!!", "Exchange2007!",
    "Summer2026!!!", "ChangeMe12345", "asdfghjkl123", "zxcvbnm12345",
  ];
  for (const password of refused) {
    it(`refuses ${password}`, () => {
      expect(isCommonPassword(password)).toBe(true);
      const parsed = PasswordSchema.safeParse(password);
      expect(parsed.success).toBe(false);
    });
  }

  const accepted = [
    "Correct-Horse-42-battery", "Granite-Meadow-64-kite", "Staple-Lamp-77-orbit", "River-Stone-19-cloud",
    "Lantern-Quarry-77", "Harbour-Lantern-42", "correct horse battery staple", "Quiet-Harbour-58-lamp", "tram ferry kelp wren",
    "Password-Harbour-Violet", // a common word among uncommon ones is fine
  ];
  for (const password of accepted) {
    it(`accepts ${password}`, () => {
      expect(isCommonPassword(password)).toBe(false);
      expect(PasswordSchema.safeParse(password).success).toBe(true);
    });
  }

  it("still enforces length and variety, with a message for each", () => {
    expect(PasswordSchema.safeParse("short-pw").error?.issues[0]?.message).toMatch(/at least 12 characters/);
    expect(PasswordSchema.safeParse("x".repeat(201)).error?.issues[0]?.message).toMatch(/at most 200/);
    expect(PasswordSchema.safeParse("abababababab").error?.issues.map((i) => i.message).join(" ")).toMatch(/5 different characters/);
    expect(PasswordSchema.safeParse("Password2026!").error?.issues[0]?.message).toMatch(/attackers try first/);
  });
});
