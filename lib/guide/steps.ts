// The first-run guide as pure rules: which steps there are, how each one counts as done, and when
// the guide is shown. No I/O; lib/guide/queries.ts reads the facts and hands them in.
//
// Where the data can say honestly that a step is done, it decides (servers, users, the reading
// list). The two settings steps have no such signal: a time zone of UTC or Monday-to-Friday may be
// exactly right. They count as done once an administrator saved the form they live on (the audit
// trail says so) or confirmed them on the guide ("Looks right", kept in guideSteps).

export const GUIDE_STEPS = ["organisation", "calendar", "servers", "users", "readingList"] as const;
export type GuideStep = (typeof GUIDE_STEPS)[number];

/** The steps an administrator can confirm as they are; the others follow the data. */
export const CONFIRMABLE_STEPS = ["organisation", "calendar"] as const satisfies readonly GuideStep[];
export type ConfirmableStep = (typeof CONFIRMABLE_STEPS)[number];

export function isConfirmable(step: string): step is ConfirmableStep {
  return (CONFIRMABLE_STEPS as readonly string[]).includes(step);
}

/** What the rules read; every instant is the first (or only) one that made the step done. */
export interface GuideFacts {
  /** Steps an administrator confirmed on the guide, with the instant (from guideSteps). */
  confirmed: Partial<Record<GuideStep, Date>>;
  /** First save of the organisation settings form by a person. */
  settingsSavedAt: Date | null;
  /** First change of the business days or the holidays by a person. */
  calendarChangedAt: Date | null;
  servers: {
    /** Demo servers still in service. */
    activeDemo: number;
    /** Demo servers, retired or not. */
    demo: number;
    /** Servers in service that are not demo servers. */
    activeOwn: number;
    /** When the first of those was added. */
    firstOwnAt: Date | null;
    /** When the demo servers were last retired by a person, if they were. */
    demoRetiredAt: Date | null;
  };
  users: { count: number; secondAt: Date | null };
  /** Procedures on the new hires' (viewers') list that can be read. */
  readingList: { entries: number };
  dismissedAt: Date | null;
}

export interface StepView {
  step: GuideStep;
  title: string;
  /** What to do, in a sentence. */
  todo: string;
  /** What is there now, once done. */
  doneText: string;
  href: string;
  linkLabel: string;
  done: boolean;
  /** When it became done, where that is known. */
  doneAt: Date | null;
  /** "Looks right" is offered while not done. */
  confirmable: boolean;
}

function serversDone(s: GuideFacts["servers"]): { done: boolean; at: Date | null } {
  // An own server in service, or the demo servers all retired by choice. An empty inventory
  // (installed without demo servers, nothing added yet) is not done: there is nothing to run.
  if (s.activeOwn > 0) return { done: true, at: s.firstOwnAt };
  if (s.demo > 0 && s.activeDemo === 0) return { done: true, at: s.demoRetiredAt };
  return { done: false, at: null };
}

const earliest = (...dates: (Date | null | undefined)[]): Date | null =>
  dates.filter((d): d is Date => d instanceof Date).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;

/** The five steps in order, each with whether and when it is done. */
export function guideSteps(facts: GuideFacts): StepView[] {
  const organisationAt = earliest(facts.confirmed.organisation, facts.settingsSavedAt);
  const calendarAt = earliest(facts.confirmed.calendar, facts.calendarChangedAt);
  const servers = serversDone(facts.servers);
  const usersDone = facts.users.count >= 2;
  const listDone = facts.readingList.entries > 0;
  const demoLeft = facts.servers.activeDemo;
  return [
    {
      step: "organisation",
      title: "Organisation name and time zone",
      todo: "Give the organisation its name and choose the time zone every due time and date is shown in.",
      doneText: "Name and time zone confirmed.",
      href: "/admin/settings",
      linkLabel: "Open settings",
      done: organisationAt !== null,
      doneAt: organisationAt,
      confirmable: true,
    },
    {
      step: "calendar",
      title: "Business days and holidays",
      todo: "Check the business days and add the holidays your schedules should skip or move off.",
      doneText: "Business days and holidays confirmed.",
      href: "/admin/settings",
      linkLabel: "Open settings",
      done: calendarAt !== null,
      doneAt: calendarAt,
      confirmable: true,
    },
    {
      step: "servers",
      title: "Servers",
      todo:
        demoLeft > 0
          ? `Add your Exchange servers and retire the ${demoLeft} demo ${demoLeft === 1 ? "server" : "servers"}, or edit them into your own.`
          : "Add your Exchange servers; per-server procedures run once for each.",
      doneText: demoLeft > 0 ? `Your own servers are in the inventory; ${demoLeft} demo ${demoLeft === 1 ? "server is" : "servers are"} still in service.` : "The inventory holds your own servers.",
      href: "/admin/servers",
      linkLabel: "Open servers",
      done: servers.done,
      doneAt: servers.at,
      confirmable: false,
    },
    {
      step: "users",
      title: "Users",
      todo: "Add the operators, managers and new hires who will use Opsbook.",
      doneText: `${facts.users.count} ${facts.users.count === 1 ? "user" : "users"} can sign in.`,
      href: "/admin/users",
      linkLabel: "Open users",
      done: usersDone,
      doneAt: usersDone ? facts.users.secondAt : null,
      confirmable: false,
    },
    {
      step: "readingList",
      title: "Reading list for new hires",
      todo: "Choose the procedures a new hire reads and marks read and understood on Training.",
      doneText: `${facts.readingList.entries} ${facts.readingList.entries === 1 ? "procedure is" : "procedures are"} on the new hires' list.`,
      href: "/training/matrix?view=lists&role=VIEWER",
      linkLabel: "Open the new hires' list",
      done: listDone,
      doneAt: null,
      confirmable: false,
    },
  ];
}

/** Shown until it is dismissed or every step is done. */
export function guideVisible(facts: GuideFacts, steps: StepView[] = guideSteps(facts)): boolean {
  return facts.dismissedAt === null && steps.some((s) => !s.done);
}

/**
 * The stored guideSteps text read into confirmed steps. Anything that is not a JSON object of
 * known steps to ISO instants is ignored, entry by entry, so a damaged value shows the steps as
 * not confirmed rather than breaking the dashboard.
 */
export function parseConfirmed(text: string | null | undefined): Partial<Record<GuideStep, Date>> {
  let value: unknown;
  try {
    value = JSON.parse(text ?? "{}");
  } catch {
    return {};
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Partial<Record<GuideStep, Date>> = {};
  for (const step of GUIDE_STEPS) {
    const raw = Object.hasOwn(value, step) ? (value as Record<string, unknown>)[step] : undefined;
    if (typeof raw !== "string") continue;
    const at = new Date(raw);
    if (!Number.isNaN(at.getTime())) out[step] = at;
  }
  return out;
}

/** guideSteps with one step confirmed at `at`; an earlier confirmation is kept as it was. */
export function withConfirmed(text: string | null | undefined, step: ConfirmableStep, at: Date): string {
  const confirmed = parseConfirmed(text);
  if (!confirmed[step]) confirmed[step] = at;
  const out: Record<string, string> = {};
  for (const s of GUIDE_STEPS) if (confirmed[s]) out[s] = confirmed[s].toISOString();
  return JSON.stringify(out);
}
