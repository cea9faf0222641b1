// Turns of the event loop for long work (lib/turns.ts): pieces waiting at the same time are let
// through one per turn, with timers and I/O served between them.
import { describe, expect, it } from "vitest";
import { nextTurn } from "@/lib/turns";

describe("nextTurn", () => {
  it("lets concurrent pieces of work through one per turn of the event loop, with other work between", async () => {
    const order: string[] = [];
    const ticks: number[] = [];
    // A timer that fires at every timers phase, counting the turns of the event loop.
    let turn = 0;
    const ticker = setInterval(() => (turn += 1), 1);
    try {
      await Promise.all(
        ["a", "b", "c"].map(async (name) => {
          await nextTurn();
          order.push(name);
          ticks.push(turn);
          // Work queued by this piece for the next turn runs before the next piece starts.
          setImmediate(() => order.push(`${name} queued`));
          const until = performance.now() + 5; // the piece's synchronous work
          while (performance.now() < until) {
            // busy
          }
        }),
      );
    } finally {
      clearInterval(ticker);
    }
    expect(order.slice(0, 5)).toEqual(["a", "a queued", "b", "b queued", "c"]);
    // The 1 ms timer fired between each two pieces: each took 5 ms of the thread.
    expect(ticks[1]!).toBeGreaterThan(ticks[0]!);
    expect(ticks[2]!).toBeGreaterThan(ticks[1]!);
  });

  it("resolves every caller, in the order they asked", async () => {
    const seen: number[] = [];
    await Promise.all(Array.from({ length: 50 }, (_, i) => nextTurn().then(() => seen.push(i))));
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
