// The MOF map built from the live procedures and their run counts: pure, so the arithmetic and the
// placement are unit-tested without a database (lib/mof/queries.ts reads the inputs).
//
// - A procedure sits under its primary SMF; each related SMF mentions it as well.
// - An SMF is covered when at least one live procedure has it as its primary SMF; otherwise it is a
//   gap, even when procedures mention it as related (they touch it in passing, they do not do it).
// - A procedure's figures are its runs due in the window, counted as "due so far" counts them
//   (lib/runs/run-summary.ts): skipped and suppressed runs are left out, completed runs count as
//   done, and those with failures or required N/A items are exceptions, not clean.
import { formatRate } from "@/lib/reports/figures";
import { dueSoFarRate, summarizePastDueCounts, type RunStateCount, type RunSummary } from "@/lib/runs/run-summary";
import {
  CADENCE_LABELS,
  MANAGEMENT_REVIEWS,
  MANAGEMENT_REVIEW_LABELS,
  MOF_QUADRANTS,
  MOF_QUADRANT_LABELS,
  MOF_SMFS,
  smfsInQuadrant,
  type Cadence,
  type ManagementReview,
  type MofQuadrant,
  type MofSmf,
} from "@/lib/procedures/vocabulary";
import { MOF_READING_CODE, QUADRANT_TEXTS, REVIEW_ORDER, REVIEW_TEXTS, SMF_TEXTS } from "./model";

export interface MapProcedure {
  id: string;
  slug: string;
  /** The library code (D1, W9, A11…); null for procedures written in the portal. */
  code: string | null;
  title: string;
  cadence: Cadence;
  smf: string;
  relatedSmfs: readonly string[];
  /** "" for none. */
  managementReview: string;
}

/** A procedure's runs due in the window, as the map shows them. */
export interface RunFigures {
  /** Due in the window, skipped and suppressed left out. */
  due: number;
  /** Of those, completed (on time, late or with exceptions). */
  done: number;
  clean: number;
  withFailures: number;
  withNaOnly: number;
  /** withFailures + withNaOnly. */
  exceptions: number;
  missed: number;
  /** Past the due time, within the grace period, not done. */
  late: number;
  /** Skipped or suppressed: left out of the rate. */
  excused: number;
  /** done ÷ due, 0–1; null when no run was due. */
  rate: number | null;
}

export function figuresOf(summary: RunSummary): RunFigures {
  return {
    due: summary.dueSoFar,
    done: summary.doneOfDueSoFar,
    clean: summary.clean,
    withFailures: summary.withFailures,
    withNaOnly: summary.withNaOnly,
    exceptions: summary.exceptions,
    missed: summary.missed,
    late: summary.late,
    excused: summary.skipped,
    rate: dueSoFarRate(summary),
  };
}

/** The figures of runs counted by state and kind (all due in the window). */
export function figuresFromCounts(counts: Iterable<RunStateCount>): RunFigures {
  return figuresOf(summarizePastDueCounts(counts));
}

/** "23 of 25 done (92.0%)", or null when nothing was due. */
export function rateLabel(f: RunFigures): string | null {
  if (f.due === 0) return null;
  return `${f.done} of ${f.due} done (${formatRate(f.rate)})`;
}

/** What the done runs were and what was not done: "20 clean, 3 with exceptions (2 with failures, 1 with N/A only); 2 missed". */
export function breakdownLabel(f: RunFigures): string {
  const parts: string[] = [];
  if (f.done > 0) {
    let done = `${f.clean} clean`;
    if (f.exceptions > 0) {
      const kinds = [f.withFailures ? `${f.withFailures} with failures` : "", f.withNaOnly ? `${f.withNaOnly} with N/A only` : ""].filter(Boolean);
      done += `, ${f.exceptions} with exceptions (${kinds.join(", ")})`;
    }
    parts.push(done);
  }
  const notDone = [f.missed ? `${f.missed} missed` : "", f.late ? `${f.late} late` : ""].filter(Boolean);
  if (notDone.length) parts.push(notDone.join(", "));
  return parts.join("; ");
}

/** The short form for the printed map: "28/30 (93.3%), 2 exc., 1 missed", or "none due". */
export function compactFigures(f: RunFigures): string {
  if (f.due === 0) return "none due";
  const extra = [f.exceptions ? `${f.exceptions} exc.` : "", f.missed ? `${f.missed} missed` : ""].filter(Boolean);
  return `${f.done}/${f.due} (${formatRate(f.rate)})${extra.length ? `, ${extra.join(", ")}` : ""}`;
}

/** The whole sentence the map shows beside a procedure. */
export function figuresSentence(f: RunFigures, windowDays: number): string {
  const rate = rateLabel(f);
  if (!rate) return `No run due in the last ${windowDays} days${f.excused ? ` (${f.excused} skipped)` : ""}.`;
  const breakdown = breakdownLabel(f);
  return `${rate}${breakdown ? `: ${breakdown}` : ""}${f.excused ? `; ${f.excused} skipped, not counted` : ""}.`;
}

export interface ProcedureOnMap extends MapProcedure {
  cadenceLabel: string;
  figures: RunFigures;
}

export interface SmfOnMap {
  code: MofSmf;
  label: string;
  about: string;
  /** Procedures whose primary SMF this is, in library order. */
  procedures: ProcedureOnMap[];
  /** Procedures that name it as a related SMF. */
  mentions: ProcedureOnMap[];
  /** No procedure has it as its primary SMF. */
  gap: boolean;
  /** What a procedure here would do (shown for gaps). */
  gapText: string;
}

export interface QuadrantOnMap {
  code: MofQuadrant;
  label: string;
  about: string;
  smfs: SmfOnMap[];
}

export interface ReviewOnMap {
  code: ManagementReview;
  label: string;
  about: string;
  from: string;
  to: string;
  procedures: ProcedureOnMap[];
}

export interface MofMap {
  windowDays: number;
  /** The reading page on how the team runs Exchange 2007 with MOF, when it is live. */
  reading: { slug: string; title: string } | null;
  quadrants: QuadrantOnMap[];
  reviews: ReviewOnMap[];
  covered: number;
  gaps: number;
}

const CADENCE_ORDER: Record<string, number> = { DAILY: 0, WEEKLY: 1, MONTHLY: 2, AS_NEEDED: 3 };

/** Library order: by cadence, then by the number in the code, then by title. */
export function libraryOrder(a: MapProcedure, b: MapProcedure): number {
  const number = (p: MapProcedure) => {
    const n = p.code ? Number(p.code.slice(1)) : NaN;
    return Number.isFinite(n) ? n : 1000;
  };
  return (CADENCE_ORDER[a.cadence] ?? 9) - (CADENCE_ORDER[b.cadence] ?? 9) || number(a) - number(b) || a.title.localeCompare(b.title);
}

/**
 * Places the procedures on the model. `counts` maps a procedure's id to its runs due in the
 * window, counted by state and kind; a procedure without counts had none.
 */
export function buildMofMap(procedures: readonly MapProcedure[], counts: ReadonlyMap<string, readonly RunStateCount[]>, windowDays: number): MofMap {
  const placed: ProcedureOnMap[] = [...procedures].sort(libraryOrder).map((p) => ({
    ...p,
    cadenceLabel: CADENCE_LABELS[p.cadence] ?? p.cadence,
    figures: figuresFromCounts(counts.get(p.id) ?? []),
  }));
  let covered = 0;
  const quadrants = MOF_QUADRANTS.map((quadrant) => ({
    code: quadrant,
    label: MOF_QUADRANT_LABELS[quadrant],
    about: QUADRANT_TEXTS[quadrant],
    smfs: smfsInQuadrant(quadrant).map((code): SmfOnMap => {
      const own = placed.filter((p) => p.smf === code);
      if (own.length > 0) covered++;
      return {
        code,
        label: MOF_SMFS[code].label,
        about: SMF_TEXTS[code].about,
        procedures: own,
        mentions: placed.filter((p) => p.smf !== code && p.relatedSmfs.includes(code)),
        gap: own.length === 0,
        gapText: SMF_TEXTS[code].gap,
      };
    }),
  }));
  const reviews = REVIEW_ORDER.filter((r) => MANAGEMENT_REVIEWS.includes(r)).map((code) => ({
    code,
    label: MANAGEMENT_REVIEW_LABELS[code],
    about: REVIEW_TEXTS[code].about,
    from: MOF_QUADRANT_LABELS[REVIEW_TEXTS[code].from],
    to: MOF_QUADRANT_LABELS[REVIEW_TEXTS[code].to],
    procedures: placed.filter((p) => p.managementReview === code),
  }));
  const total = quadrants.reduce((n, q) => n + q.smfs.length, 0);
  const reading = placed.find((p) => p.code === MOF_READING_CODE);
  return { windowDays, reading: reading ? { slug: reading.slug, title: reading.title } : null, quadrants, reviews, covered, gaps: total - covered };
}

/** Where a procedure's SMF sits on the map page. */
export function mofAnchor(smf: string): string {
  return `/mof#smf-${smf}`;
}
