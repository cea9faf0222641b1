// Time zone names the portal accepts.
import { Temporal } from "@js-temporal/polyfill";

/** Whether Temporal (which computes due times) knows the zone. */
export function isValidTimeZone(timeZone: string): boolean {
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
