// The incident workflow as data: for every status and every action, either the status the incident
// moves to or the exact message that refuses the action. Pure: no I/O; the actions ask it before
// writing anything, the pages ask it which buttons to show, and the unit tests walk every cell.
import type { Permission } from "@/lib/auth/policy";

export const INCIDENT_STATUSES = ["OPEN", "INVESTIGATING", "RESOLVED", "CLOSED"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  OPEN: "Open",
  INVESTIGATING: "Investigating",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
};

/** Not yet resolved: what "open incidents" means in lists and reports. */
export const UNRESOLVED_STATUSES: IncidentStatus[] = ["OPEN", "INVESTIGATING"];

export const SEVERITIES = [1, 2, 3, 4] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, string> = { 1: "Critical", 2: "High", 3: "Medium", 4: "Low" };
export const SEVERITY_HINTS: Record<Severity, string> = {
  1: "Mail flow or mailbox access is down for many users",
  2: "A service is degraded, or one server is down with no redundancy left",
  3: "A check failed with limited impact; a fix is needed within days",
  4: "Cosmetic or a single user; no effect on service",
};

export function isSeverity(value: number): value is Severity {
  return (SEVERITIES as readonly number[]).includes(value);
}

/** The steps that move an incident between statuses. */
export const STATUS_STEPS = ["investigate", "resolve", "reopen", "close"] as const;
export type StatusStep = (typeof STATUS_STEPS)[number];

/** Everything one can do to an existing incident. */
export const INCIDENT_ACTIONS = [...STATUS_STEPS, "add_update", "edit", "link_problem"] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

export const ACTION_LABELS: Record<IncidentAction, string> = {
  investigate: "Start investigating",
  resolve: "Resolve",
  reopen: "Reopen",
  close: "Close",
  add_update: "Add an update",
  edit: "Edit the details",
  link_problem: "Link to a problem",
};

/**
 * Who may take each action. Every step needs incident:update (operators and above): the operators
 * who work the incident also resolve and close it, and the weekly write-up is theirs too. Closing
 * is guarded by the workflow (only a resolved incident, with its resolution) rather than by a role.
 */
export const ACTION_PERMISSIONS: Record<IncidentAction, Permission> = {
  investigate: "incident:update",
  resolve: "incident:update",
  reopen: "incident:update",
  close: "incident:update",
  add_update: "incident:update",
  edit: "incident:update",
  link_problem: "incident:update",
};

export type Rule = { to: IncidentStatus } | { refused: string };

const CLOSED_RECORD = "This incident is closed; its record can no longer be changed.";

/** The whole workflow: status × action → next status, or why not. */
export const WORKFLOW: Record<IncidentStatus, Record<IncidentAction, Rule>> = {
  OPEN: {
    investigate: { to: "INVESTIGATING" },
    resolve: { to: "RESOLVED" },
    reopen: { refused: "This incident is still open; only a resolved incident can be reopened." },
    close: { refused: "Resolve the incident before closing it: it is still open and has no resolution yet." },
    add_update: { to: "OPEN" },
    edit: { to: "OPEN" },
    link_problem: { to: "OPEN" },
  },
  INVESTIGATING: {
    investigate: { refused: "This incident is already being investigated." },
    resolve: { to: "RESOLVED" },
    reopen: { refused: "This incident is being investigated; only a resolved incident can be reopened." },
    close: { refused: "Resolve the incident before closing it: it is still being investigated and has no resolution yet." },
    add_update: { to: "INVESTIGATING" },
    edit: { to: "INVESTIGATING" },
    link_problem: { to: "INVESTIGATING" },
  },
  RESOLVED: {
    investigate: { refused: "This incident is resolved. Reopen it if the fault has come back." },
    resolve: { refused: "This incident is already resolved." },
    reopen: { to: "OPEN" },
    close: { to: "CLOSED" },
    add_update: { to: "RESOLVED" },
    edit: { to: "RESOLVED" },
    link_problem: { to: "RESOLVED" },
  },
  CLOSED: {
    investigate: { refused: "This incident is closed. If the fault has come back, open a new incident and link both to a problem." },
    resolve: { refused: "This incident is already closed." },
    reopen: { refused: "A closed incident cannot be reopened. Open a new incident and link both to a problem." },
    close: { refused: "This incident is already closed." },
    add_update: { refused: CLOSED_RECORD },
    edit: { refused: CLOSED_RECORD },
    // Recurring incidents are usually recognised after they were closed, in the weekly write-up.
    link_problem: { to: "CLOSED" },
  },
};

export const RESOLUTION_NEEDED = {
  resolve: "Write the resolution: what was done to restore the service.",
  close: "An incident is closed only with its resolution written. Add the resolution first.",
  edit: "A resolved incident keeps its resolution; write what was done instead of removing it.",
} as const;

export type Decision = { ok: true; to: IncidentStatus } | { ok: false; message: string; field?: "resolution" };

export function isIncidentStatus(value: string): value is IncidentStatus {
  return (INCIDENT_STATUSES as readonly string[]).includes(value);
}

/**
 * Whether the action may be taken on an incident in this status. `resolution` is the resolution
 * the incident will have after the action (resolving, closing and editing a resolved incident
 * need one).
 */
export function decide(status: IncidentStatus, action: IncidentAction, facts: { resolution: string }): Decision {
  const rule = WORKFLOW[status][action];
  if ("refused" in rule) return { ok: false, message: rule.refused };
  const hasResolution = facts.resolution.trim().length > 0;
  if (action === "resolve" && !hasResolution) return { ok: false, message: RESOLUTION_NEEDED.resolve, field: "resolution" };
  if (action === "close" && !hasResolution) return { ok: false, message: RESOLUTION_NEEDED.close, field: "resolution" };
  if (action === "edit" && rule.to === "RESOLVED" && !hasResolution) return { ok: false, message: RESOLUTION_NEEDED.edit, field: "resolution" };
  return { ok: true, to: rule.to };
}

/** The status steps offered on an incident in this status (the UI shows only these). */
export function availableSteps(status: IncidentStatus): StatusStep[] {
  return STATUS_STEPS.filter((step) => "to" in WORKFLOW[status][step]);
}

/** Whole minutes from opening to resolution. */
export function durationMinutes(openedAt: Date, resolvedAt: Date): number {
  return Math.max(0, Math.floor((resolvedAt.getTime() - openedAt.getTime()) / 60_000));
}

/** "45 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
  return mins ? `${hours} h ${mins} min` : `${hours} h`;
}

export interface DurationSummary {
  count: number;
  /** Whole minutes, or null when nothing was resolved. */
  mean: number | null;
  median: number | null;
  longest: number | null;
}

/** Mean, median and longest time to resolve, from the durations of the incidents resolved. */
export function summariseDurations(minutes: number[]): DurationSummary {
  if (minutes.length === 0) return { count: 0, mean: null, median: null, longest: null };
  const sorted = [...minutes].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
  return {
    count: sorted.length,
    mean: Math.round(sorted.reduce((sum, m) => sum + m, 0) / sorted.length),
    median,
    longest: sorted.at(-1)!,
  };
}
