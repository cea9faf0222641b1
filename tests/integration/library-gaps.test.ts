// Where the library covers each gap of the Exchange 2007 content review (§5, G1–G18): the
// procedure and checklist item that does, with the cadence it runs at. A gap whose home is not
// known yet has no homes; it is listed as a to-do, not silently passed.
import { describe, expect, it } from "vitest";
import { DEFAULT_LIBRARY } from "@/lib/procedures/seed";
import type { Cadence } from "@/lib/procedures/vocabulary";

interface GapHome {
  /** Procedure code (D…, W…, M…, A…). */
  code: string;
  /** The checklist item that covers the gap; without one, `mentions` must match the procedure's text. */
  key?: string;
  /** Text the procedure's body, items or commands hold (a command, a term). */
  mentions?: RegExp;
}

interface Gap {
  id: string;
  gap: string;
  /** The cadence the review asks for; the first home must run at it (on a seeded schedule). */
  cadence: Cadence;
  /** Where the library covers it; [] while unknown. */
  homes: GapHome[];
}

// Edit this table as the library's keys settle: each row is checked against DEFAULT_LIBRARY.
const GAPS: Gap[] = [
  { id: "G1", gap: "Back pressure: queue-drive free space, version buckets, private bytes", cadence: "DAILY", homes: [{ code: "D4", key: "queue-volume-above-back-pressure" }, { code: "D4", key: "queue-volume-free-mb" }, { code: "D5", key: "back-pressure-events" }] },
  { id: "G2", gap: "Certificate expiry", cadence: "MONTHLY", homes: [{ code: "M6", key: "days-to-first-expiry" }, { code: "M6", key: "services-have-valid-certificate" }, { code: "D8", key: "certificates-valid" }] },
  { id: "G3", gap: "Log-disk write latency and Log Threads Waiting", cadence: "DAILY", homes: [{ code: "D4", key: "log-disk-sec-per-write" }, { code: "D7", key: "log-threads-waiting" }] },
  { id: "G4", gap: "Exchange to domain controller (LDAP) latency", cadence: "DAILY", homes: [{ code: "D16", key: "ldap-read-time" }, { code: "D16", key: "ldap-search-time" }] },
  { id: "G5", gap: "CCR cluster state and transport dumpster", cadence: "DAILY", homes: [{ code: "D14", key: "clustered-mailbox-server-online" }, { code: "D14", key: "transport-dumpster-available" }, { code: "D14", key: "copy-queue-within-mount-dial" }] },
  { id: "G6", gap: "Online maintenance and online defragmentation completed; white space", cadence: "WEEKLY", homes: [{ code: "W13", key: "online-defrag-completed" }, { code: "W13", key: "largest-white-space" }] },
  { id: "G7", gap: "Backup on Windows Server 2008 (Windows Server Backup plug-in or VSS)", cadence: "DAILY", homes: [{ code: "D2", mentions: /Windows Server Backup/ }] },
  { id: "G8", gap: "Offline address book generation and distribution", cadence: "WEEKLY", homes: [{ code: "W14", key: "oab-generated" }, { code: "W14", key: "oab-web-distribution" }] },
  { id: "G9", gap: "ExBPA Health Check on a schedule", cadence: "MONTHLY", homes: [{ code: "M5", key: "health-check-run" }] },
  { id: "G10", gap: "Service pack and Update Rollup level per server, and end of support", cadence: "MONTHLY", homes: [{ code: "M4", key: "exchange-build-per-server" }, { code: "M4", key: "end-of-support-reviewed" }, { code: "W2", key: "end-of-support-recorded" }, { code: "D12", key: "antispam-update-state" }] },
  { id: "G11", gap: "Database size and edition limits", cadence: "MONTHLY", homes: [{ code: "M2", key: "edition-limits-respected" }, { code: "A8", key: "edition-fits-design" }] },
  { id: "G12", gap: "Public folder hierarchy and system folders", cadence: "WEEKLY", homes: [{ code: "W4", key: "hierarchy-consistent" }, { code: "W4", key: "system-folders-replicated" }] },
  { id: "G13", gap: "RPC throttling counters (Client Backoff, Server Too Busy)", cadence: "DAILY", homes: [{ code: "D7", key: "rpc-client-backoff" }, { code: "D7", key: "rpc-server-too-busy" }] },
  { id: "G14", gap: "Log and tracking folder growth", cadence: "DAILY", homes: [{ code: "D4", key: "log-folders-not-filling-system-volume" }] },
  { id: "G15", gap: "Deleted-item and deleted-mailbox retention settings", cadence: "MONTHLY", homes: [{ code: "M1", key: "retention-settings-match-policy" }, { code: "A3", key: "retention-checked" }] },
  { id: "G16", gap: "Circular logging off on backed-up storage groups", cadence: "DAILY", homes: [{ code: "D2", key: "circular-logging-off" }] },
  { id: "G17", gap: "SCR activation and recovery runbook", cadence: "MONTHLY", homes: [{ code: "M3", key: "scr-activation-exercised" }, { code: "A8", key: "scr-activation-runbook" }, { code: "A10", key: "copies-activated" }] },
  { id: "G18", gap: "Edge subscription credentials and re-export of the cloned configuration", cadence: "MONTHLY", homes: [{ code: "M3", key: "edge-clone-current" }, { code: "D10", key: "edgesync-up-to-date" }] },
];

/** The rule kinds a schedule of each cadence may have. */
const RULE_KINDS: Record<Exclude<Cadence, "AS_NEEDED">, string[]> = {
  DAILY: ["DAILY", "BUSINESS_DAYS"],
  WEEKLY: ["WEEKLY"],
  MONTHLY: ["MONTHLY_DAY", "MONTHLY_WEEKDAY", "LAST_BUSINESS_DAY"],
};

const procedureOf = (code: string) => DEFAULT_LIBRARY.procedures.find((p) => p.code === code);

describe("the review's gaps G1–G18 in the library", () => {
  it("lists every gap of the review once, each with where the library covers it", () => {
    expect(GAPS.map((g) => g.id)).toEqual(Array.from({ length: 18 }, (_, i) => `G${i + 1}`));
    expect(GAPS.filter((g) => g.homes.length === 0).map((g) => g.id)).toEqual([]);
  });

  for (const gap of GAPS) {
    it(`${gap.id} ${gap.gap}: covered at ${gap.homes.map((h) => `${h.code}${h.key ? ` ${h.key}` : ""}`).join(", ")}`, () => {
      for (const home of gap.homes) {
        const procedure = procedureOf(home.code);
        expect(procedure, `${gap.id}: procedure ${home.code}`).toBeDefined();
        if (home.key) expect(procedure!.items.map((i) => i.key), `${gap.id}: ${home.code} item ${home.key}`).toContain(home.key);
        if (home.mentions) expect(JSON.stringify({ body: procedure!.body, items: procedure!.items, tools: procedure!.tools }), `${gap.id}: ${home.code} mentions ${home.mentions}`).toMatch(home.mentions);
      }
      const first = procedureOf(gap.homes[0]!.code)!;
      expect(first.cadence, `${gap.id}: ${first.code} cadence`).toBe(gap.cadence);
      if (gap.cadence !== "AS_NEEDED") {
        const schedule = DEFAULT_LIBRARY.schedules.find((s) => s.code === first.code);
        expect(schedule, `${gap.id}: ${first.code} has a seeded schedule`).toBeDefined();
        expect(RULE_KINDS[gap.cadence], `${gap.id}: ${first.code} schedule ${schedule!.rule.kind}`).toContain(schedule!.rule.kind);
      }
    });
  }
});
