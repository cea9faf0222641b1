import "server-only";
import { db } from "@/lib/db";
import { runState, runTimesFromRaw, type RawRunTimes } from "@/lib/scheduling/run-state";
import { parseJsonArray } from "@/lib/json";
import { completionOf, itemApplies } from "./completion";
import { PREVIOUS_VALUES_SQL, RUN_ITEMS_SQL, RUN_PAGE_SQL, RUN_PLACEHOLDER_VALUES_SQL, RUN_RESULTS_SQL, RUN_TOOLS_SQL } from "@/lib/sql";
import { previousValuesByKey, PRIOR_RUNS, TREND_LENGTH, type PreviousValueRow } from "./previous-values";
import { otherServersIn, placeholderContextOf, type PlaceholderValueRow } from "./placeholder-values";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { appliedLimitText, effectiveLimits, parseLimitsByMailboxUsers } from "./limits";

// Today's list moved to ./today.ts; these names stay importable from here.
export { getToday, type TodayRun, type TodayView } from "./today";

interface RunPageRow extends RawRunTimes {
  id: string;
  cadence: string;
  localDate: string;
  skipReason: string | null;
  assigneeRole: string | null;
  assigneeName: string | null;
  completedByName: string | null;
  skippedByName: string | null;
  serverName: string | null;
  serverFqdn: string | null;
  serverId: string | null;
  serverSite: string | null;
  serverStorageGroups: string | null;
  /** JSON array of the server's Exchange role codes. */
  serverRoles: string | null;
  procedureSlug: string;
  currentVersionId: string | null;
  versionId: string;
  versionNumber: number | bigint;
  title: string;
  purpose: string;
  body: string;
}

/** A row of RUN_ITEMS_SQL: flags as numbers, JSON arrays as text. */
interface ItemRow {
  id: string;
  key: string;
  kind: string;
  text: string;
  help: string;
  required: number | bigint | boolean;
  unit: string | null;
  min: number | null;
  max: number | null;
  /** JSON of limits by mailbox users, "" for none. */
  limitsByMailboxUsers: string;
  counter: string | null;
  choices: string;
  passChoices: string;
  roles: string | null;
}

interface ResultRow {
  id: string;
  itemId: string;
  revision: number | bigint;
  outcome: string;
  valueNumber: number | null;
  valueText: string | null;
  failureReason: string | null;
  limitMin: number | null;
  limitMax: number | null;
  note: string;
  recordedAt: string;
  recordedByName: string;
}

const named = (name: string | null) => (name === null ? null : { name });

/** Everything the checklist page needs for one run, or null when it does not exist. */
export async function getRun(id: string, now = new Date()) {
  // Six statements in all, side by side, each by the run's id (Prisma's relation loading took ten
  // for the same record, and two rounds), and the settings the page reads anyway (once a request).
  const [[row], resultRows, itemRows, tools, previousRows, placeholderRows, settings] = await Promise.all([
    db.$queryRawUnsafe<RunPageRow[]>(RUN_PAGE_SQL, id),
    db.$queryRawUnsafe<ResultRow[]>(RUN_RESULTS_SQL, id),
    db.$queryRawUnsafe<ItemRow[]>(RUN_ITEMS_SQL, id),
    db.$queryRawUnsafe<{ id: string; command: string; purpose: string; toolName: string; toolSlug: string }[]>(RUN_TOOLS_SQL, id),
    db.$queryRawUnsafe<PreviousValueRow[]>(PREVIOUS_VALUES_SQL, id, PRIOR_RUNS, TREND_LENGTH),
    db.$queryRawUnsafe<PlaceholderValueRow[]>(RUN_PLACEHOLDER_VALUES_SQL, id),
    getOrganisationSettings(),
  ]);
  if (!row) return null;
  const { mailboxUsers } = settings;
  const versionItems = itemRows.map((item) => {
    const own = {
      unit: item.unit,
      min: item.min === null ? null : Number(item.min),
      max: item.max === null ? null : Number(item.max),
      limitsByMailboxUsers: item.kind === "NUMBER" ? parseLimitsByMailboxUsers(item.limitsByMailboxUsers) : null,
    };
    return {
      id: item.id,
      key: item.key,
      kind: item.kind,
      text: item.text,
      help: item.help,
      required: Boolean(item.required),
      ...own,
      /** The limits a value recorded now is judged against (lib/runs/limits.ts): what earlier values are marked against. */
      limits: effectiveLimits(own, mailboxUsers),
      counter: item.counter,
      choices: item.choices,
      passChoices: item.passChoices,
      roles: parseJsonArray(item.roles ?? "[]").sort(),
    };
  });
  const itemsById = new Map(versionItems.map((i) => [i.id, i]));
  const run = {
    id: row.id,
    cadence: row.cadence,
    localDate: row.localDate,
    ...runTimesFromRaw(row),
    skipReason: row.skipReason,
    assigneeRole: row.assigneeRole,
    assigneeUser: named(row.assigneeName),
    completedBy: named(row.completedByName),
    skippedBy: named(row.skippedByName),
    server:
      row.serverName === null || row.serverId === null
        ? null
        : {
            id: row.serverId,
            name: row.serverName,
            fqdn: row.serverFqdn ?? "",
            site: row.serverSite ?? "",
            storageGroups: parseJsonArray(row.serverStorageGroups ?? "[]"),
            roles: parseJsonArray(row.serverRoles ?? "[]"),
          },
    procedure: { slug: row.procedureSlug, currentVersionId: row.currentVersionId },
    version: {
      id: row.versionId,
      number: Number(row.versionNumber),
      title: row.title,
      purpose: row.purpose,
      body: row.body,
      tools: tools.map((t) => ({ id: t.id, command: t.command, purpose: t.purpose, tool: { name: t.toolName, slug: t.toolSlug } })),
    },
  };
  const byItem = new Map<string, ReturnType<typeof toResult>[]>();
  for (const r of resultRows) {
    const result = toResult(r, itemsById.get(r.itemId) ?? null);
    const list = byItem.get(r.itemId);
    if (list) list.push(result);
    else byItem.set(r.itemId, [result]);
  }
  const serverRoles = run.server ? run.server.roles : null;
  const previous = previousValuesByKey(previousRows, versionItems.map((i) => ({ key: i.key, kind: i.kind, min: i.limits.min, max: i.limits.max })));
  const allItems = versionItems.map((item) => {
    const history = byItem.get(item.id) ?? [];
    return {
      ...item,
      /** Earlier values of a number item on this procedure and server (null: none, or not a number item). */
      previous: previous.get(item.key) ?? null,
      choices: parseJsonArray(item.choices),
      passChoices: parseJsonArray(item.passChoices),
      current: history.at(-1) ?? null,
      earlier: history.slice(0, -1).reverse(),
    };
  });
  // Items for Exchange roles this run's server does not hold are left out (and said so on the page).
  const items = allItems.filter((i) => itemApplies(i.roles, serverRoles));
  const leftOut = allItems.filter((i) => !itemApplies(i.roles, serverRoles)).map((i) => ({ id: i.id, text: i.text, required: i.required, roles: i.roles }));
  const completion = completionOf(items, serverRoles, new Map(items.flatMap((i) => (i.current ? [[i.id, i.current] as const] : []))));
  return {
    ...run,
    items,
    leftOut,
    state: runState(run, now),
    requiredTotal: completion.requiredTotal,
    requiredDone: completion.requiredDone,
    failedItems: completion.failedItems,
    naItems: completion.naItems,
    newerVersionExists: run.procedure.currentVersionId !== run.version.id,
    /** The organisation's mailbox users the limits above were taken for. */
    mailboxUsers,
    /** What the run's commands and guidance fill their placeholders in with (the server's values, the organisation's). */
    placeholders: placeholderContextOf(run.server, placeholderRows),
    /** Servers other than the run's that its commands or guidance name outright. */
    otherServers: run.server ? otherServersIn([...run.version.tools.map((t) => t.command), run.version.body], placeholderRows, run.server.name) : [],
  };
}

/** `item`: the result's item, for the limit its value was judged against (null: not known). */
function toResult(r: ResultRow, item: { kind: string; unit: string | null; min: number | null; max: number | null; limitsByMailboxUsers: ReturnType<typeof parseLimitsByMailboxUsers> } | null) {
  const valueNumber = r.valueNumber === null ? null : Number(r.valueNumber);
  const limitMin = r.limitMin === null ? null : Number(r.limitMin);
  const limitMax = r.limitMax === null ? null : Number(r.limitMax);
  return {
    id: r.id,
    itemId: r.itemId,
    revision: Number(r.revision),
    outcome: r.outcome,
    valueNumber,
    valueText: r.valueText,
    failureReason: r.failureReason,
    limitMin,
    limitMax,
    /** "limit 30 ms (500–3,000 mailbox users)": what a recorded number was judged against; the item's own limits for results from before limits were stored. */
    limit: item && item.kind === "NUMBER" && valueNumber !== null ? appliedLimitText({ limitMin, limitMax }, item) : null,
    note: r.note,
    recordedAt: new Date(r.recordedAt),
    recordedBy: { name: r.recordedByName },
  };
}

export type RunView = NonNullable<Awaited<ReturnType<typeof getRun>>>;
export type RunItemView = RunView["items"][number];
