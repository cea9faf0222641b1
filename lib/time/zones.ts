// Time zone names the portal accepts.
import { Temporal } from "@js-temporal/polyfill";
import { z } from "zod";

/** The longest IANA zone name has 32 characters; parsing is expensive, so length comes first. */
export const MAX_TIME_ZONE_LENGTH = 64;
const ZONE_CHARACTERS = /^[A-Za-z0-9_+\-/]+$/;

/** Cheap checks every zone name passes before Temporal or Intl is asked about it. */
function plausibleZoneName(timeZone: string): boolean {
  return typeof timeZone === "string" && timeZone.length > 0 && timeZone.length <= MAX_TIME_ZONE_LENGTH && ZONE_CHARACTERS.test(timeZone);
}

/** Whether Temporal (which computes due times) knows the zone. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!plausibleZoneName(timeZone)) return false;
  try {
    Temporal.Now.instant().toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * A zone that Temporal (which computes due times) and Intl (which formats every date shown) both
 * accept. Temporal alone also takes offsets such as +14:00, which Intl refuses.
 */
export function isUsableTimeZone(timeZone: string): boolean {
  if (!isValidTimeZone(timeZone)) return false;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A time-zone form field: bounded and checked for its characters before it is parsed. */
export function timeZoneField(unknownMessage = "Unknown time zone. Use an IANA name such as Europe/London or America/New_York.") {
  return z
    .string({ error: "Choose a time zone." })
    .max(MAX_TIME_ZONE_LENGTH + 20, unknownMessage)
    .trim()
    .min(1, "Choose a time zone.")
    .refine(isUsableTimeZone, unknownMessage);
}
