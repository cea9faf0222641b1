// How incidents and problems are named wherever they appear: "INC-7", "PRB-2".
export const INCIDENT_PREFIX = "INC-";
export const PROBLEM_PREFIX = "PRB-";

export function incidentRef(id: number): string {
  return `${INCIDENT_PREFIX}${id}`;
}

export function problemRef(id: number): string {
  return `${PROBLEM_PREFIX}${id}`;
}

/** The incident number in "INC-7", "inc7", "#7" or "7"; null for anything else. */
export function parseIncidentRef(text: string): number | null {
  const match = /^(?:inc-?|#)?(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : null;
}
