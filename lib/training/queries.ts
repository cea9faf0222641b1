// Reads for /training, the acknowledgement panel on a procedure, the training matrix and its CSV,
// and the reading-list editor.
import "server-only";
import { db } from "@/lib/db";
import { isRole, roleRank, type Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";
import { summariseDiff } from "@/lib/procedures/diff";
import { compareVersions } from "@/lib/procedures/authoring-queries";
import { acknowledgementNeeded, type AcknowledgementNeeded } from "./enforcement";
import { highestAcknowledgements, liveProcedures, loadReadingListData, type AcknowledgedVersion, type LiveProcedure } from "./data";
import {
  acknowledgementStatus,
  progressOf,
  reasonLabel,
  roleListState,
  roleReadingList,
  userReadingList,
  type AcknowledgementStatus,
  type Progress,
  type ReadingListMode,
  type ReadingListReason,
  type RoleListState,
} from "./reading-list";
import type { MatrixFilter } from "./schemas";

const STATUS_ORDER: Record<AcknowledgementStatus, number> = { OUTDATED: 0, MISSING: 1, CURRENT: 2 };

export interface TrainingItem extends LiveProcedure {
  reason: ReadingListReason;
  reasonLabel: string;
  status: AcknowledgementStatus;
  acknowledged: AcknowledgedVersion | null;
}

/** A person's reading list with where they stand on each procedure: outdated first, then unread, then done. */
export async function getMyTraining(user: Pick<CurrentUser, "id" | "role">): Promise<{ items: TrainingItem[]; progress: Progress }> {
  const data = await loadReadingListData(db);
  const list = userReadingList(user, data);
  const [procedures, acknowledged] = await Promise.all([liveProcedures(db, list.keys()), highestAcknowledgements(db, { userIds: [user.id] })]);
  const mine = acknowledged.get(user.id) ?? new Map<string, AcknowledgedVersion>();
  const items = procedures.map((p) => {
    const ack = mine.get(p.id) ?? null;
    const reason = list.get(p.id)!;
    return { ...p, reason, reasonLabel: reasonLabel(reason, user.role), status: acknowledgementStatus(p.number, ack?.number ?? null), acknowledged: ack };
  });
  // liveProcedures is in library order; a stable sort keeps it within each status.
  items.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  return { items, progress: progressOf(items.map((i) => i.status)) };
}

export interface VersionChange {
  number: number;
  changeNote: string;
  publishedAt: Date;
}

export interface AcknowledgementPanelData {
  slug: string;
  title: string;
  versionId: string;
  number: number;
  status: AcknowledgementStatus;
  acknowledged: AcknowledgedVersion | null;
  onList: boolean;
  /** Versions published after the acknowledged one, oldest first (OUTDATED only). */
  changes: VersionChange[];
  /** One line per kind of change between the acknowledged and the current version. */
  summary: string[];
}

/** What the "read and understood" panel of a procedure shows to one person, or null for an unknown procedure. */
export async function getAcknowledgementPanel(userId: string, slug: string): Promise<AcknowledgementPanelData | null> {
  const [procedure, user] = await Promise.all([
    db.procedure.findUnique({
      where: { slug },
      select: { id: true, slug: true, archivedAt: true, currentVersion: { select: { id: true, number: true, title: true } } },
    }),
    db.user.findUnique({ where: { id: userId }, select: { id: true, role: true } }),
  ]);
  if (!procedure || procedure.archivedAt || !procedure.currentVersion || !user || !isRole(user.role)) return null;
  const current = procedure.currentVersion;
  const [acks, data] = await Promise.all([
    highestAcknowledgements(db, { userIds: [userId], procedureId: procedure.id }),
    loadReadingListData(db, procedure.id),
  ]);
  const acknowledged = acks.get(userId)?.get(procedure.id) ?? null;
  const status = acknowledgementStatus(current.number, acknowledged?.number ?? null);
  let changes: VersionChange[] = [];
  let summary: string[] = [];
  if (status === "OUTDATED" && acknowledged) {
    const [between, diff] = await Promise.all([
      db.procedureVersion.findMany({
        where: { procedureId: procedure.id, number: { gt: acknowledged.number, lte: current.number } },
        orderBy: { number: "asc" },
        select: { number: true, changeNote: true, publishedAt: true },
      }),
      compareVersions(procedure.id, acknowledged.number, current.number),
    ]);
    changes = between;
    summary = diff ? summariseDiff(diff) : [];
  }
  return {
    slug: procedure.slug,
    title: current.title,
    versionId: current.id,
    number: current.number,
    status,
    acknowledged,
    onList: userReadingList({ id: user.id, role: user.role }, data).has(procedure.id),
    changes,
    summary,
  };
}

// ---------------------------------------------------------------------------------------------
// Training matrix

export interface MatrixUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  progress: Progress;
}

export interface MatrixCell {
  /** On this person's reading list. */
  required: boolean;
  reason: ReadingListReason | null;
  status: AcknowledgementStatus;
  acknowledged: AcknowledgedVersion | null;
}

export interface TrainingMatrix {
  users: MatrixUser[];
  /** Procedures on the list of at least one shown person, in library order. */
  procedures: LiveProcedure[];
  /** Keyed by `${userId}:${procedureId}`; absent when the procedure is neither required nor acknowledged. */
  cells: Map<string, MatrixCell>;
  /** Per procedure: how many shown people must read it, and how many acknowledged its current version. */
  totals: Map<string, { required: number; current: number }>;
}

export const cellKey = (userId: string, procedureId: string) => `${userId}:${procedureId}`;

/** Active people (all, or one role) × the procedures on their lists. */
export async function getTrainingMatrix(filter: MatrixFilter = {}): Promise<TrainingMatrix> {
  const users = (
    await db.user.findMany({
      where: { active: true, ...(filter.role ? { role: filter.role } : {}) },
      select: { id: true, name: true, email: true, role: true },
    })
  )
    .filter((u): u is typeof u & { role: Role } => isRole(u.role))
    .sort((a, b) => roleRank(a.role) - roleRank(b.role) || a.name.localeCompare(b.name));
  const data = await loadReadingListData(db);
  const [all, acks] = await Promise.all([liveProcedures(db), highestAcknowledgements(db, { userIds: users.map((u) => u.id) })]);
  const cells = new Map<string, MatrixCell>();
  const shown = new Set<string>();
  const totals = new Map<string, { required: number; current: number }>();
  const out: MatrixUser[] = [];
  for (const user of users) {
    const list = userReadingList(user, data);
    const mine = acks.get(user.id);
    const statuses: AcknowledgementStatus[] = [];
    for (const p of all) {
      const reason = list.get(p.id) ?? null;
      const ack = mine?.get(p.id) ?? null;
      if (!reason && !ack) continue;
      const status = acknowledgementStatus(p.number, ack?.number ?? null);
      cells.set(cellKey(user.id, p.id), { required: reason !== null, reason, status, acknowledged: ack });
      if (reason) {
        statuses.push(status);
        shown.add(p.id);
        const total = totals.get(p.id) ?? { required: 0, current: 0 };
        total.required += 1;
        if (status === "CURRENT") total.current += 1;
        totals.set(p.id, total);
      }
    }
    out.push({ ...user, progress: progressOf(statuses) });
  }
  return { users: out, procedures: all.filter((p) => shown.has(p.id)), cells, totals };
}

export interface MatrixCsvRow {
  user: string;
  email: string;
  role: Role;
  code: string;
  procedure: string;
  currentVersion: number;
  onReadingList: "yes" | "no";
  reason: string;
  status: AcknowledgementStatus;
  acknowledgedVersion: number | "";
  acknowledgedAt: Date | "";
}

/** The matrix in long form: one row per person and procedure that is on their list or that they acknowledged. */
export async function trainingMatrixRows(filter: MatrixFilter = {}): Promise<MatrixCsvRow[]> {
  const matrix = await getTrainingMatrix(filter);
  const all = await liveProcedures(db);
  const rows: MatrixCsvRow[] = [];
  for (const user of matrix.users) {
    for (const p of all) {
      const cell = matrix.cells.get(cellKey(user.id, p.id));
      if (!cell) continue;
      rows.push({
        user: user.name,
        email: user.email,
        role: user.role,
        code: p.code ?? "",
        procedure: p.title,
        currentVersion: p.number,
        onReadingList: cell.required ? "yes" : "no",
        reason: cell.reason ?? "",
        status: cell.status,
        acknowledgedVersion: cell.acknowledged?.number ?? "",
        acknowledgedAt: cell.acknowledged?.at ?? "",
      });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Reading-list editor

export interface ReadingListEditorRow extends LiveProcedure {
  state: RoleListState;
  /** People of this role who have it on their list only because it is assigned to them by name. */
  personal: number;
}

/** Every published procedure with where it stands on one role's list. */
export async function getReadingListEditor(role: Role): Promise<{ role: Role; rows: ReadingListEditorRow[]; count: number }> {
  const [data, procedures] = await Promise.all([loadReadingListData(db), liveProcedures(db)]);
  const entries = new Map(data.entries.filter((e) => e.role === role).map((e) => [e.procedureId, e.mode as ReadingListMode]));
  const list = roleReadingList(role, data);
  const people = new Set((await db.user.findMany({ where: { role, active: true }, select: { id: true } })).map((u) => u.id));
  const personal = new Map<string, Set<string>>();
  for (const s of data.schedules) {
    if (s.assigneeUserId && people.has(s.assigneeUserId)) personal.set(s.procedureId, (personal.get(s.procedureId) ?? new Set()).add(s.assigneeUserId));
  }
  const rows = procedures.map((p) => ({ ...p, state: roleListState(role, p.id, data.schedules, entries.get(p.id) ?? null), personal: personal.get(p.id)?.size ?? 0 }));
  return { role, rows, count: list.size };
}

/** For the run page: what the person must acknowledge before recording on this run, or null. */
export function acknowledgementNeededForRun(user: Pick<CurrentUser, "id" | "role">, runId: string): Promise<AcknowledgementNeeded | null> {
  return acknowledgementNeeded(db, user, runId);
}
