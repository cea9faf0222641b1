// What the audit log calls things: action codes, record kinds and the portal's own actors, in the
// words a reader of the log uses. Pure data and lookups, shared by the page, its filter and tests.
// The stored codes never change (the chain hashes them); only what is shown of them does.

/**
 * Every action code the portal writes, with the phrase that follows the actor's name ("Ada Admin
 * corrected a result"). tests/unit/audit-describe.test.ts reads the sources for the codes written
 * and fails on any code missing here.
 */
export const ACTION_LABELS: Record<string, string> = {
  "account.change_password": "changed their password",
  "account.change_password_refused": "was refused a change of their password",
  "auth.account_locked": "locked an account after wrong passwords",
  "auth.sign_in": "signed in",
  "auth.sign_in_failed": "failed to sign in",
  "auth.sign_out": "signed out",
  "change.approve": "approved a change",
  "change.close": "closed a change",
  "change.create": "requested a change",
  "change.implement": "implemented a change",
  "change.reject": "rejected a change",
  "change.submit": "submitted a change for approval",
  "change.update": "edited a change",
  "change.verification_reopened": "reopened a change's verification",
  "change.verify": "verified a change",
  "guide.confirm_step": "marked a step of the first-run guide done",
  "guide.dismiss": "dismissed the first-run guide",
  "incident.add_update": "added an incident update",
  "incident.close": "closed an incident",
  "incident.investigate": "started investigating an incident",
  "incident.link_problem": "linked an incident to a problem",
  "incident.open": "opened an incident",
  "incident.reopen": "reopened an incident",
  "incident.resolve": "resolved an incident",
  "incident.unlink_problem": "unlinked an incident from its problem",
  "incident.update": "edited an incident",
  "maintenance.create": "planned a maintenance window",
  "maintenance.remove": "removed a maintenance window",
  "problem.create": "opened a problem",
  "placeholder.define": "defined a placeholder variable",
  "placeholder.remove": "removed a placeholder variable",
  "placeholder.update": "changed a placeholder variable",
  "problem.update": "edited a problem",
  "procedure.create": "started a new procedure",
  "procedure.draft_approve": "approved a draft",
  "procedure.draft_discard": "discarded a draft",
  "procedure.draft_save": "saved a draft",
  "procedure.draft_submit": "submitted a draft for approval",
  "procedure.import": "imported procedure files",
  "procedure.library_draft": "offered library corrections as a draft",
  "procedure.mark_reviewed": "marked a procedure reviewed",
  "procedure.publish": "published a version",
  "procedure.restore": "restored an earlier version as a draft",
  "result.correct": "corrected a result",
  "result.record": "recorded a result",
  "run.generate": "generated a run",
  "run.skip": "skipped a run",
  "schedule.create": "created a schedule",
  "schedule.follow_business_days": "set a schedule to follow business days",
  "schedule.pause": "paused a schedule",
  "schedule.resume": "resumed a schedule",
  "schedule.update": "changed a schedule",
  "server.create": "added a server",
  "server.mark_demo": "marked a server as a demo server",
  "server.reactivate": "returned a server to service",
  "server.retire": "retired a server",
  "server.retire_demo": "retired the demo servers",
  "server.seed_values": "gave a demo server the library's example values",
  "server.update": "changed a server",
  "settings.add_holiday": "added a holiday",
  "settings.create": "created the organisation settings",
  "settings.remove_holiday": "removed a holiday",
  "settings.update": "changed the organisation settings",
  "setup.create_first_admin": "set up the portal as its first administrator",
  "tool.create": "added a tool",
  "tool.update": "changed a tool",
  "tool.standardise": "gave a tool its place in the standard set",
  "tool.change_raise": "raised a change to the standard tool set",
  "tool.record_deployment": "recorded a tool deployment by hand",
  "training.acknowledge": "read and understood a procedure",
  "training.reading_list_add": "added a procedure to a reading list",
  "training.reading_list_add_many": "added procedures to a reading list",
  "training.reading_list_remove": "removed a procedure from a reading list",
  "user.change_role": "changed a role",
  "user.create": "added a user",
  "user.deactivate": "deactivated a user",
  "user.reactivate": "reactivated a user",
  "user.reset_password": "reset a password",
  "user.unlock": "unlocked an account",
};

/** The phrase for an action code; a code nobody labelled yet (an older release's) shows as itself. */
export function actionLabel(code: string): string {
  return Object.hasOwn(ACTION_LABELS, code) ? ACTION_LABELS[code]! : code;
}

/** The label, capitalised, for places where it starts a sentence or fills a drop-down. */
export function actionTitle(code: string): string {
  const label = actionLabel(code);
  return label === code ? code : label.charAt(0).toUpperCase() + label.slice(1);
}

const AREA_LABELS: Record<string, string> = {
  account: "Own account",
  auth: "Sign-in",
  change: "Changes",
  guide: "First-run guide",
  incident: "Incidents",
  maintenance: "Maintenance windows",
  problem: "Problems",
  procedure: "Procedures",
  result: "Results",
  run: "Runs",
  schedule: "Schedules",
  server: "Servers",
  settings: "Settings",
  setup: "Setup",
  tool: "Tools",
  training: "Training",
  user: "Users",
};

export interface ActionGroup {
  label: string;
  actions: { code: string; label: string }[];
}

/** Action codes grouped by area for the filter's drop-down, areas and actions in alphabetical order. */
export function groupActions(codes: readonly string[]): ActionGroup[] {
  const groups = new Map<string, ActionGroup>();
  for (const code of codes) {
    const area = code.split(".")[0]!;
    const label = Object.hasOwn(AREA_LABELS, area) ? AREA_LABELS[area]! : area;
    const group = groups.get(label) ?? { label, actions: [] };
    group.actions.push({ code, label: actionTitle(code) });
    groups.set(label, group);
  }
  const sorted = [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
  for (const group of sorted) group.actions.sort((a, b) => a.label.localeCompare(b.label));
  return sorted;
}

/** Record kinds (AuditEvent.entityType) as the filter names them. */
export const ENTITY_KIND_LABELS: Record<string, string> = {
  Acknowledgement: "Acknowledgement",
  Change: "Change",
  Holiday: "Holiday",
  Incident: "Incident",
  MaintenanceWindow: "Maintenance window",
  OrganisationSettings: "Organisation settings",
  PlaceholderVariable: "Placeholder variable",
  Problem: "Problem",
  Procedure: "Procedure",
  ProcedureDraft: "Procedure draft",
  ProcedureLibrary: "Procedure library",
  ReadingList: "Reading list",
  Run: "Run",
  Schedule: "Schedule",
  Server: "Server",
  ServerInventory: "Server inventory",
  Tool: "Tool",
  User: "User",
};

export function entityKindLabel(entityType: string): string {
  return Object.hasOwn(ENTITY_KIND_LABELS, entityType) ? ENTITY_KIND_LABELS[entityType]! : entityType;
}

/**
 * Actors that are not a signed-in person. Labels starting with "system:" are the portal's own
 * work (an e-mail address cannot contain a colon, so a sign-in attempt cannot pose as one);
 * "cli" is someone at the server's command line, a person the portal cannot name.
 */
export const SYSTEM_ACTOR_PREFIX = "system:";

export const NAMED_ACTORS: Record<string, string> = {
  "system:scheduler": "run generation",
  "system:seed": "library seed",
  "system:change-verification": "change verification",
  cli: "command line",
};

export function isAutomaticActor(actorId: string | null, actorLabel: string): boolean {
  return actorId === null && actorLabel.startsWith(SYSTEM_ACTOR_PREFIX);
}
