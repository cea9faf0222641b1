import { hash, verify } from "@node-rs/argon2";

// Argon2id (the library's default algorithm) with OWASP's minimum recommended cost.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** How a hash made with OPTIONS begins; the cost of verifying is read from here. */
export const HASH_PARAMETERS = `$argon2id$v=19$m=${OPTIONS.memoryCost},t=${OPTIONS.timeCost},p=${OPTIONS.parallelism}$`;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Verified against when the e-mail is unknown, so both cases cost one verification with the same
 * parameters. A constant rather than a hash made on first use: making it would cost the first
 * unknown e-mail of every process one extra hash, which shows. A unit test keeps its parameters
 * equal to OPTIONS.
 */
export const DUMMY_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$r2Q/XyLUj0Z3X4TFVv1ujA$KppIydcOp5PFumDDgI5Tppkr9Zs0GQqjmVJ17lONtHw";
