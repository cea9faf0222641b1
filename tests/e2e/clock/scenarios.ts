// When the end-to-end tests run. Every Playwright run starts on a pinned clock (scripts/e2e.ts,
// through libfaketime), never at whatever hour the machine happens to show, so no test depends on
// when CI runs it. Time-sensitive flows run in the scenarios below, each on its own portal and
// database, and move the clock across the boundaries they check (tests/e2e/clock/clock.ts).

/**
 * The main suite: a Wednesday morning in an ordinary week, hours before the seeded daily runs fall
 * due (10:00 UTC), far from midnight, month ends and daylight-saving changes. The suite takes well
 * under an hour, so nothing crosses a boundary while it runs.
 */
export const MAIN_SUITE_START = "2026-12-09T07:00:00Z";

export interface ClockScenario {
  /** The organisation's time zone, set before the portal first starts. */
  timeZone: string;
  /** When the portal starts: shortly before the first boundary the scenario checks. */
  start: string;
}

export const CLOCK_SCENARIOS = {
  // The seeded daily runs fall due at 10:00 UTC and are missed when their grace ends at 14:00.
  "due-and-grace": { timeZone: "UTC", start: "2026-12-09T09:50:00Z" },
  // Midnight in Auckland (UTC+13 in December) is 11:00 UTC: one UTC date holds two local days.
  "organisation-day": { timeZone: "Pacific/Auckland", start: "2026-12-09T10:45:00Z" },
  // Sunday 28 March 2027 in London: clocks go from 01:00 GMT to 02:00 BST, so 10:00 is 09:00 UTC.
  "daylight-saving": { timeZone: "Europe/London", start: "2027-03-28T00:20:00Z" },
} satisfies Record<string, ClockScenario>;

export type ClockScenarioName = keyof typeof CLOCK_SCENARIOS;

export function isClockScenario(name: string | undefined): name is ClockScenarioName {
  return name !== undefined && Object.hasOwn(CLOCK_SCENARIOS, name);
}
