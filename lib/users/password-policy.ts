// The password rules beyond length: no password built from a handful of words every guessing
// list starts with. Following current guidance (NIST SP 800-63B), there are no composition rules
// (a capital, a digit, a symbol) and no forced expiry; length and a blocklist do the work.

/** Words that make up most guessed passwords, plus this organisation's obvious ones. */
const COMMON_WORDS = [
  "password", "passwort", "passw0rd", "qwerty", "qwertz", "azerty", "asdf", "zxcv", "letmein", "welcome", "admin",
  "administrator", "changeme", "secret", "login", "master", "dragon", "monkey", "iloveyou", "football", "baseball",
  "sunshine", "princess", "trustno", "abc", "opsbook", "exchange", "microsoft", "outlook", "contoso", "summer",
  "winter", "spring", "autumn", "january", "february", "december", "monday", "friday",
];

const LOOKALIKES: Record<string, string> = { "@": "a", "4": "a", "0": "o", "1": "i", "!": "i", "3": "e", "$": "s", "5": "s", "7": "t" };

/**
 * True when what remains after removing common words, digits, symbols, keyboard runs and repeats
 * is too little to guess slowly; checked as typed and with look-alike characters read as letters
 * ("P@ssw0rd").
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  // Only characters inside a word are read as letters, so trailing digits stay digits.
  return tooLittleLeft(lower) || tooLittleLeft(lower.replace(/(?<=[a-z])[@40135!$7](?=[a-z])/g, (c) => LOOKALIKES[c]!));
}

function tooLittleLeft(lowerCased: string): boolean {
  let rest = lowerCased;
  for (const word of [...COMMON_WORDS].sort((a, b) => b.length - a.length)) rest = rest.split(word).join(" ");
  // Digits and symbols around common words ("Password2026!") add little; keyboard runs add nothing.
  rest = rest.replace(/[^a-z]+/g, " ").replace(/(.)\1+/g, "$1");
  for (const run of ["qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"]) {
    for (let size = run.length; size >= 4; size--) {
      for (let i = 0; i + size <= run.length; i++) rest = rest.split(run.slice(i, i + size)).join(" ");
    }
  }
  const letters = rest.replace(/\s+/g, "");
  return letters.length < 4;
}
