import type { IncomingMessage, ServerResponse } from "node:http";

/** Records errors logged through console.error during a request on that request (installed once). */
export function captureRequestErrors(): void;
/** Where a stack frame's code lives: Node.js, Next.js, or anything else. */
export function frameOrigin(line: string): "node" | "next" | "other";
/** True for an error raised by Next.js with none of the portal's code (or any other library's) on its stack. */
export function isFrameworkRefusal(error: unknown): boolean;

export interface ListenerOptions {
  /** Next.js's request handler. */
  handle: (req: IncomingMessage, res: ServerResponse) => unknown;
  /** Reverse proxies whose X-Forwarded-For entries are believed. */
  trustedHops: number;
  /** Next.js's router-state parser; throws on a header Next.js would refuse. */
  parseRouterState?: (state: string) => void;
  /** Where a fault's one-line summary goes (console.error by default). */
  logError?: (line: string) => void;
}

export type RequestListener = ((req: IncomingMessage, res: ServerResponse) => void) & {
  /** For the server's "checkContinue" event: refuses an oversized body before asking for it. */
  checkContinue: (req: IncomingMessage, res: ServerResponse) => void;
};

export function createRequestListener(options: ListenerOptions): RequestListener;
