import type { IncomingMessage, ServerResponse } from "node:http";

/** How often a supervised server sends { alive: true } to `npm start`, whose watchdog listens. */
export const HEARTBEAT_MS: number;
/** Notes a request as in progress until its response ends or its connection closes. */
export function trackRequest(req: IncomingMessage, res: ServerResponse, label: string): void;
/** The labels of the requests in progress ("GET /reports"), at most `max` of them. */
export function requestsInProgress(max?: number): string[];
/** Starts watching for a held event loop; returns the function that stops the watch. */
export function watchStalls(options: { thresholdMs: number; intervalMs?: number; log?: (line: string) => void; now?: () => number }): () => void;
/** Resolves once the event loop has run free for `quietMs` (1 s) in a row, or after `maxMs` (20 s). */
export function waitForQuiet(options?: { quietMs?: number; stallMs?: number; maxMs?: number; intervalMs?: number }): Promise<{ waitedMs: number; settled: boolean }>;
/** STALL_LOG_MS as a threshold in ms, or null for "off"; throws on anything else. */
export function stallThreshold(value: string | undefined): number | null;
