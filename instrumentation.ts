// Runs once when the server starts. NEXT_RUNTIME is set by Next.js itself; the scheduler runs only
// in the Node.js runtime (never in the edge runtime of proxy.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startRunGenerationTimer } = await import("@/lib/scheduling/timer");
    startRunGenerationTimer();
  }
}
