"use server";
import { db } from "@/lib/db";
import { defineAction } from "@/lib/actions/define";
import { generateRuns } from "@/lib/scheduling/generation";
import { WEEKDAY_NAMES } from "@/lib/scheduling/recurrence";
import { replanForCalendar, withdrawFutureRuns, type ReplannedSchedule } from "@/lib/scheduling/service";
import { Conflict, NotFound } from "@/lib/actions/errors";
import { formatLocalDate } from "@/lib/time/format";
import { parseBusinessDays, parseMailboxUsers, serialiseBusinessDays } from "./organisation";
import { MAILBOX_USERS_LABELS } from "@/lib/procedures/vocabulary";
import { parseShiftStarts, serialiseShiftStarts } from "@/lib/runs/shift";
import { HolidaySchema, RemoveHolidaySchema, SettingsSchema } from "./schemas";

/** "Monday to Friday", "Sunday to Thursday", or a list when the days do not run on. */
function describeDays(days: readonly number[]): string {
  const names = days.map((d) => WEEKDAY_NAMES[d - 1]!);
  // A run of consecutive days, possibly wrapping past Sunday (7, 1, 2, 3, 4).
  for (let start = 0; start < days.length && days.length > 2; start++) {
    const order = [...days.slice(start), ...days.slice(0, start)];
    if (order.every((d, i) => i === 0 || d === (order[i - 1]! % 7) + 1)) {
      return `${WEEKDAY_NAMES[order[0]! - 1]} to ${WEEKDAY_NAMES[order.at(-1)! - 1]}`;
    }
  }
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
}

/** What a re-plan did, in a sentence (empty when it changed nothing); `why` is said of one schedule and of several. */
function replanSentence(replanned: ReplannedSchedule[], why: [one: string, several: string]): string {
  if (replanned.length === 0) return "";
  const runs = replanned.reduce((n, r) => n + r.withdrawnRunIds.length, 0);
  const schedules = replanned.length === 1 ? `1 schedule ${why[0]}` : `${replanned.length} schedules ${why[1]}`;
  const moved = runs === 0 ? "no future run had to move" : `${runs} future ${runs === 1 ? "run" : "runs"} on days that no longer count ${runs === 1 ? "was" : "were"} withdrawn, and runs for the new days are planned`;
  return ` ${schedules}; ${moved}.`;
}

/** "07:00, 15:00 and 23:00". */
function listTimes(times: readonly string[]): string {
  return times.length > 1 ? `${times.slice(0, -1).join(", ")} and ${times.at(-1)}` : (times[0] ?? "");
}

const HOLIDAY_FOLLOWERS: [string, string] = ["skips holidays or moves off them", "skip holidays or move off them"];

export const updateSettingsAction = defineAction({
  name: "settings.update",
  permission: "settings:manage",
  revalidate: ["/admin/settings", "/admin/schedules"],
  schema: SettingsSchema,
  async handler(input, { tx, now }) {
    const before = await tx.organisationSettings.findUnique({ where: { id: 1 } });
    const data = {
      name: input.name,
      timeZone: input.timeZone,
      businessDays: serialiseBusinessDays(input.businessDays),
      requireAcknowledgement: input.requireAcknowledgement,
      requireSecondApproval: input.requireSecondApproval,
      // Absent from the request: the shift times stay as they are.
      ...(input.shiftStarts ? { shiftStarts: serialiseShiftStarts(input.shiftStarts) } : {}),
      // Absent: the mailbox users stay as they are. Results already recorded keep the limits they
      // were judged against; only values recorded from now on use the new tier.
      ...(input.mailboxUsers ? { mailboxUsers: input.mailboxUsers } : {}),
    };
    const after = await tx.organisationSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    // Schedules that followed the organisation's zone move with it, from now on.
    const moved: string[] = [];
    if (before && before.timeZone !== input.timeZone) {
      const schedules = await tx.schedule.findMany({ where: { timeZone: before.timeZone }, select: { id: true } });
      for (const { id } of schedules) {
        await withdrawFutureRuns(tx, id, now);
        await tx.schedule.update({ where: { id }, data: { timeZone: input.timeZone, effectiveFrom: now } });
        moved.push(id);
      }
    }
    // Rules built from the business days are compiled again, and what depends on them re-planned.
    const daysChanged = serialiseBusinessDays(parseBusinessDays(before?.businessDays ?? "[]")) !== data.businessDays;
    const replanned = await replanForCalendar(tx, { businessDays: daysChanged }, now);

    const acknowledgement =
      (before?.requireAcknowledgement ?? false) === input.requireAcknowledgement
        ? ""
        : input.requireAcknowledgement
          ? " Operators now acknowledge a procedure's version before recording results on it."
          : " Operators no longer need to acknowledge a procedure before recording results.";
    const approval =
      (before?.requireSecondApproval ?? false) === input.requireSecondApproval
        ? ""
        : input.requireSecondApproval
          ? " Procedure drafts now need a second manager's approval before they are published."
          : " Procedure drafts can now be published without a second approval.";
    const shiftsBefore = parseShiftStarts(before?.shiftStarts ?? "[]").join(", ");
    const shifts = input.shiftStarts && input.shiftStarts.join(", ") !== shiftsBefore ? ` Shifts now start at ${listTimes(input.shiftStarts)}.` : "";
    const mailboxUsersBefore = parseMailboxUsers(before?.mailboxUsers);
    const mailboxUsers =
      input.mailboxUsers && input.mailboxUsers !== mailboxUsersBefore
        ? ` Values recorded from now on are judged against the limits for ${MAILBOX_USERS_LABELS[input.mailboxUsers]}; results already recorded keep theirs.`
        : "";
    const zone = moved.length ? `Settings saved. ${moved.length} schedules now follow ${input.timeZone}; their future runs were replanned.` : "Settings saved. Runs generated from now on use them.";
    const days = daysChanged ? replanSentence(replanned, [`follows the business days (${describeDays(input.businessDays)})`, `follow the business days (${describeDays(input.businessDays)})`]) : replanSentence(replanned, ["was compiled again with the business days", "were compiled again with the business days"]);
    return {
      audit: {
        action: "settings.update",
        entityType: "OrganisationSettings",
        entityId: "1",
        before,
        after: { ...after, schedulesMoved: moved, schedulesReplanned: replanned },
      },
      message: zone + days + shifts + mailboxUsers + acknowledgement + approval,
      data: { replan: moved.length + replanned.length },
    };
  },
  afterCommit: async (_input, data, { now }) => {
    if (data?.replan) await generateRuns(db, { now });
  },
});

export const addHolidayAction = defineAction({
  name: "settings.add_holiday",
  permission: "settings:manage",
  revalidate: ["/admin/settings", "/admin/schedules"],
  schema: HolidaySchema,
  async handler(input, { tx, now }) {
    if (await tx.holiday.findUnique({ where: { date: input.date } })) {
      throw new Conflict("That date is already a holiday.", { date: ["This date is already in the list."] });
    }
    const holiday = await tx.holiday.create({ data: input });
    const replanned = await replanForCalendar(tx, { holidays: true }, now);
    return {
      audit: { action: "settings.add_holiday", entityType: "Holiday", entityId: holiday.id, after: { ...holiday, schedulesReplanned: replanned } },
      message: `${input.name} (${formatLocalDate(input.date)}) added.${replanSentence(replanned, HOLIDAY_FOLLOWERS)}`,
      data: { replan: replanned.length },
    };
  },
  afterCommit: async (_input, data, { now }) => {
    if (data?.replan) await generateRuns(db, { now });
  },
});

export const removeHolidayAction = defineAction({
  name: "settings.remove_holiday",
  permission: "settings:manage",
  revalidate: ["/admin/settings", "/admin/schedules"],
  schema: RemoveHolidaySchema,
  async handler(input, { tx, now }) {
    const holiday = await tx.holiday.findUnique({ where: { id: input.holidayId } });
    if (!holiday) throw new NotFound("That holiday no longer exists.");
    await tx.holiday.delete({ where: { id: holiday.id } });
    const replanned = await replanForCalendar(tx, { holidays: true }, now);
    return {
      audit: { action: "settings.remove_holiday", entityType: "Holiday", entityId: holiday.id, before: holiday, after: { schedulesReplanned: replanned } },
      message: `${holiday.name} (${formatLocalDate(holiday.date)}) removed.${replanSentence(replanned, HOLIDAY_FOLLOWERS)}`,
      data: { replan: replanned.length },
    };
  },
  afterCommit: async (_input, data, { now }) => {
    if (data?.replan) await generateRuns(db, { now });
  },
});
