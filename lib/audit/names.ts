// The names a page of the audit log needs, read in one batch per kind of record: however many
// events a page holds, the number of queries depends only on the kinds present. Ids not found
// (deleted records, an e-mail typed at sign-in) are simply absent; the page then shows the id.
import "server-only";
import { db, type Db } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import {
  acknowledgementName,
  changeName,
  checklistItemName,
  draftName,
  holidayName,
  incidentName,
  maintenanceName,
  problemName,
  procedureName,
  runName,
  scheduleName,
  serverName,
  toolName,
  userName,
  versionName,
  type NamedKind,
  type Names,
  type RecordName,
  type WantedNames,
} from "./describe";

type Lookup = (client: Db, ids: string[], role: Role) => Promise<[string, RecordName][]>;

const title = { select: { title: true } } as const;

// One findMany each. Prisma reads a nested relation with one more statement per level (with an
// IN list), so a kind costs one to three statements, never one per row.
const LOOKUPS: Record<NamedKind, Lookup> = {
  async User(client, ids, role) {
    const rows = await client.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    return rows.map((u) => [u.id, userName(u, role)]);
  },
  async Run(client, ids) {
    const rows = await client.run.findMany({ where: { id: { in: ids } }, select: { id: true, localDate: true, version: title, server: { select: { name: true } } } });
    return rows.map((r) => [r.id, runName({ id: r.id, localDate: r.localDate, title: r.version.title, server: r.server?.name ?? null })]);
  },
  async Procedure(client, ids) {
    const rows = await client.procedure.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, currentVersion: title } });
    return rows.map((p) => [p.id, procedureName({ slug: p.slug, title: p.currentVersion?.title ?? null })]);
  },
  async ProcedureVersion(client, ids) {
    const rows = await client.procedureVersion.findMany({ where: { id: { in: ids } }, select: { id: true, number: true, title: true, procedure: { select: { slug: true } } } });
    return rows.map((v) => [v.id, versionName({ number: v.number, title: v.title, slug: v.procedure.slug })]);
  },
  async ProcedureDraft(client, ids) {
    const rows = await client.procedureDraft.findMany({ where: { id: { in: ids } }, select: { id: true, procedure: { select: { slug: true, currentVersion: title } } } });
    return rows.map((d) => [d.id, draftName({ slug: d.procedure.slug, title: d.procedure.currentVersion?.title ?? null })]);
  },
  async Incident(client, ids) {
    const rows = await client.incident.findMany({ where: { id: { in: ids.map(Number) } }, select: { id: true, title: true } });
    return rows.map((i) => [String(i.id), incidentName(i)]);
  },
  async Problem(client, ids) {
    const rows = await client.problem.findMany({ where: { id: { in: ids.map(Number) } }, select: { id: true, title: true } });
    return rows.map((p) => [String(p.id), problemName(p)]);
  },
  async Change(client, ids) {
    const rows = await client.change.findMany({ where: { id: { in: ids.map(Number) } }, select: { id: true, title: true } });
    return rows.map((c) => [String(c.id), changeName(c)]);
  },
  async Server(client, ids, role) {
    const rows = await client.server.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    return rows.map((s) => [s.id, serverName(s, role)]);
  },
  async Schedule(client, ids, role) {
    const rows = await client.schedule.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, procedure: { select: { slug: true, currentVersion: title } } },
    });
    return rows.map((s) => [s.id, scheduleName({ name: s.name, procedure: s.procedure.currentVersion?.title ?? s.procedure.slug }, role)]);
  },
  async MaintenanceWindow(client, ids, role) {
    const rows = await client.maintenanceWindow.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    return rows.map((w) => [w.id, maintenanceName(w, role)]);
  },
  async Holiday(client, ids, role) {
    const rows = await client.holiday.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, date: true } });
    return rows.map((h) => [h.id, holidayName(h, role)]);
  },
  async Tool(client, ids) {
    const rows = await client.tool.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, slug: true } });
    return rows.map((t) => [t.id, toolName(t)]);
  },
  async Acknowledgement(client, ids) {
    const rows = await client.acknowledgement.findMany({
      where: { id: { in: ids } },
      select: { id: true, user: { select: { name: true } }, version: { select: { number: true, title: true, procedure: { select: { slug: true } } } } },
    });
    return rows.map((a) => [a.id, acknowledgementName({ user: a.user.name, title: a.version.title, number: a.version.number, slug: a.version.procedure.slug })]);
  },
  async ChecklistItem(client, ids) {
    const rows = await client.checklistItem.findMany({ where: { id: { in: ids } }, select: { id: true, text: true } });
    return rows.map((i) => [i.id, checklistItemName(i)]);
  },
};

/** Looks up every wanted name, one batch per kind; links only to pages the reader may open. */
export async function resolveNames(wanted: WantedNames, role: Role, client: Db = db): Promise<Names> {
  const names: Names = {};
  // Numeric kinds hold only digit strings here (wantedNames drops anything else), so Number()
  // cannot turn a stray id into NaN.
  for (const [kind, ids] of wanted) {
    if (ids.size === 0) continue;
    names[kind] = new Map(await LOOKUPS[kind](client, [...ids], role));
  }
  return names;
}
