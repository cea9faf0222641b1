// Moving the clock of the whole test tree (this Playwright worker, the portal, Chromium) forward,
// as time passing would. scripts/e2e.ts started the tree under libfaketime with its offset in the
// file named by FAKETIME_TIMESTAMP_FILE; every process re-reads it at most once a second.
import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { writeOffset } from "../../../scripts/support/fake-clock";

function offsetFile(): string {
  const file = process.env.FAKETIME_TIMESTAMP_FILE;
  if (!file) throw new Error("This test moves the clock: run it through `npm run test:e2e` (scripts/e2e.ts), which starts it under libfaketime.");
  return file;
}

/** Moves the clock forward to `iso` (a UTC instant) for every process of the test run. */
export async function moveClockTo(iso: string): Promise<void> {
  const target = Date.parse(iso);
  const now = Date.now();
  if (target < now) throw new Error(`The clock only moves forward: it is already ${new Date(now).toISOString()}, past ${iso}.`);
  const file = offsetFile();
  const current = Number(readFileSync(file, "utf8").trim());
  writeOffset(file, current + (target - now) / 1000);
  // Each process notices within a second; wait until this one has, then a little more for the others.
  await expect.poll(() => Date.now(), { timeout: 5_000 }).toBeGreaterThanOrEqual(target - 1_000);
  await new Promise((resolve) => setTimeout(resolve, 1_200));
}

/** Fails clearly when setting up took so long that the clock already passed a boundary to be checked from before. */
export function expectBefore(iso: string): void {
  expect(Date.now(), `the checks meant for before ${iso} ran after it: the scenario's start leaves too little time`).toBeLessThan(Date.parse(iso));
}
