// A change's planned window, shared by every kind of change record (a tool change too): not an
// action module, so nothing here is callable from a browser.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Invalid } from "@/lib/actions/errors";
import { readTimeZone } from "@/lib/settings/organisation";
import { fromLocalInput } from "@/lib/time/local";
import { MAX_WINDOW_DAYS } from "./schemas";

/**
 * A change's planned window in UTC, from the local times entered in the organisation's zone. The
 * text was compared already; the instants can still cross at a daylight-saving change.
 */
export async function plannedWindow(tx: Prisma.TransactionClient, input: { plannedStart: string; plannedEnd: string }): Promise<{ plannedStart: Date; plannedEnd: Date }> {
  const timeZone = await readTimeZone(tx);
  const plannedStart = fromLocalInput(input.plannedStart, timeZone);
  const plannedEnd = fromLocalInput(input.plannedEnd, timeZone);
  if (plannedEnd <= plannedStart) throw new Invalid("The planned window must end after it starts.", { plannedEnd: ["The planned window must end after it starts."] });
  if (plannedEnd.getTime() - plannedStart.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
    const message = `A planned window lasts at most ${MAX_WINDOW_DAYS} days; split a longer piece of work into several changes.`;
    throw new Invalid(message, { plannedEnd: [message] });
  }
  return { plannedStart, plannedEnd };
}

