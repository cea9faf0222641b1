// Reading lists and acknowledgement status as pure functions: who must read which procedure, and
// whether what they acknowledged is the current version. No I/O; the queries feed them rows.
import type { Role } from "@/lib/auth/roles";

export type ReadingListMode = "INCLUDE" | "EXCLUDE";

/** Why a procedure is on someone's list: scheduled for their role, added by a manager, or assigned to them. */
export type ReadingListReason = "ROLE" | "ADDED" | "ASSIGNED";

export interface ScheduleAssignment {
  procedureId: string;
  assigneeRole: string | null;
  assigneeUserId: string | null;
  active: boolean;
}

export interface ReadingListChange {
  role: string;
  procedureId: string;
  mode: string;
}

export interface ReadingListData {
  /** Procedures that can be read: published (a current version) and not archived. */
  live: ReadonlySet<string>;
  schedules: readonly ScheduleAssignment[];
  entries: readonly ReadingListChange[];
}

/**
 * The roles whose scheduled work makes up a role's default list. Viewers are never assigned work;
 * administrators also cover the managers' work (they hold every manager permission).
 */
export function scheduleRolesFor(role: Role): Role[] {
  switch (role) {
    case "VIEWER":
      return [];
    case "OPERATOR":
      return ["OPERATOR"];
    case "MANAGER":
      return ["MANAGER"];
    case "ADMIN":
      return ["ADMIN", "MANAGER"];
  }
}

/** Whether a procedure is on a role's list by default (an active schedule assigned to the role). */
export function isDefaultFor(role: Role, procedureId: string, schedules: readonly ScheduleAssignment[]): boolean {
  const roles: string[] = scheduleRolesFor(role);
  return schedules.some((s) => s.active && s.procedureId === procedureId && s.assigneeUserId === null && s.assigneeRole !== null && roles.includes(s.assigneeRole));
}

/** A role's reading list: its default list, plus its INCLUDE entries, minus its EXCLUDE entries. */
export function roleReadingList(role: Role, data: ReadingListData): Map<string, ReadingListReason> {
  const list = new Map<string, ReadingListReason>();
  const roles: string[] = scheduleRolesFor(role);
  for (const s of data.schedules) {
    if (s.active && s.assigneeUserId === null && s.assigneeRole !== null && roles.includes(s.assigneeRole) && data.live.has(s.procedureId)) {
      list.set(s.procedureId, "ROLE");
    }
  }
  for (const entry of data.entries) {
    if (entry.role !== role || !data.live.has(entry.procedureId)) continue;
    if (entry.mode === "EXCLUDE") list.delete(entry.procedureId);
    else if (entry.mode === "INCLUDE" && !list.has(entry.procedureId)) list.set(entry.procedureId, "ADDED");
  }
  return list;
}

/**
 * One person's reading list: their role's list, plus every procedure whose active schedule is
 * assigned to them by name. A personal assignment wins over an exclusion: whoever does the work
 * reads the procedure.
 */
export function userReadingList(user: { id: string; role: Role }, data: ReadingListData): Map<string, ReadingListReason> {
  const list = roleReadingList(user.role, data);
  for (const s of data.schedules) {
    if (s.active && s.assigneeUserId === user.id && data.live.has(s.procedureId)) list.set(s.procedureId, "ASSIGNED");
  }
  return list;
}

/** Where a procedure stands on a role's list, for the reading-list editor. */
export interface RoleListState {
  onList: boolean;
  byDefault: boolean;
  entry: ReadingListMode | null;
}

export function roleListState(role: Role, procedureId: string, schedules: readonly ScheduleAssignment[], entry: ReadingListMode | null): RoleListState {
  const byDefault = isDefaultFor(role, procedureId, schedules);
  const onList = entry === "INCLUDE" || (byDefault && entry !== "EXCLUDE");
  return { onList, byDefault, entry };
}

/**
 * The entry that puts a procedure on (or takes it off) a role's list with as little as possible
 * recorded: back to the default means no entry at all.
 */
export function entryFor(wantOnList: boolean, byDefault: boolean): ReadingListMode | null {
  if (wantOnList) return byDefault ? null : "INCLUDE";
  return byDefault ? "EXCLUDE" : null;
}

// ---------------------------------------------------------------------------------------------
// Acknowledgement status

/** CURRENT: the current version is acknowledged; OUTDATED: only an older one; MISSING: none. */
export type AcknowledgementStatus = "CURRENT" | "OUTDATED" | "MISSING";

export const STATUS_LABELS: Record<AcknowledgementStatus, string> = {
  CURRENT: "Current",
  OUTDATED: "Outdated",
  MISSING: "Missing",
};

/** Status from the current version's number and the highest version number the person acknowledged. */
export function acknowledgementStatus(currentNumber: number, acknowledgedNumber: number | null): AcknowledgementStatus {
  if (acknowledgedNumber === null) return "MISSING";
  return acknowledgedNumber >= currentNumber ? "CURRENT" : "OUTDATED";
}

export interface Progress {
  total: number;
  current: number;
  outdated: number;
  missing: number;
}

export function progressOf(statuses: Iterable<AcknowledgementStatus>): Progress {
  const p: Progress = { total: 0, current: 0, outdated: 0, missing: 0 };
  for (const s of statuses) {
    p.total += 1;
    if (s === "CURRENT") p.current += 1;
    else if (s === "OUTDATED") p.outdated += 1;
    else p.missing += 1;
  }
  return p;
}

/** Whole percent of the list read in its current version; an empty list counts as complete. */
export function percentDone(p: Progress): number {
  return p.total === 0 ? 100 : Math.floor((p.current * 100) / p.total);
}

// ---------------------------------------------------------------------------------------------
// Enforcement

/** Managers and administrators record results without the acknowledgement rule. */
export function exemptFromAcknowledgement(role: Role): boolean {
  return role === "MANAGER" || role === "ADMIN";
}

/**
 * Whether the acknowledgement rule lets someone record results on a run. Applies only to operators
 * (managers and administrators publish and approve the procedures, and must be able to cover any
 * run); an acknowledgement of the run's version or of any later version of the procedure counts,
 * because only the current version can be acknowledged.
 */
export function mayRecordOnRun(c: { required: boolean; role: Role; pinnedNumber: number; acknowledgedNumber: number | null }): boolean {
  if (!c.required || exemptFromAcknowledgement(c.role)) return true;
  return c.acknowledgedNumber !== null && c.acknowledgedNumber >= c.pinnedNumber;
}

// ---------------------------------------------------------------------------------------------
// Wording

export const ROLE_PLURAL: Record<Role, string> = {
  VIEWER: "viewers",
  OPERATOR: "operators",
  MANAGER: "managers",
  ADMIN: "administrators",
};

export function reasonLabel(reason: ReadingListReason, role: Role): string {
  switch (reason) {
    case "ROLE":
      return role === "ADMIN" ? "Scheduled for managers or administrators" : `Scheduled for ${ROLE_PLURAL[role]}`;
    case "ADDED":
      return `Added to the ${ROLE_PLURAL[role]}' list`;
    case "ASSIGNED":
      return "Assigned to you";
  }
}
