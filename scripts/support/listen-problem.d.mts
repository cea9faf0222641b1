/** The sentence explaining why the portal cannot listen on host:port, or null for an unrelated error. */
export function listenProblem(error: unknown, host: string, port: number): string | null;
/** Tries the address and releases it at once: the sentence explaining why it cannot be used, or null. */
export function checkListen(host: string, port: number): Promise<string | null>;
