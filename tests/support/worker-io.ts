// What the worker processes of the multi-process tests share: waiting for a word from the test on
// stdin ("go", "stop"), and a small seeded random generator, so each process's choices differ from
// its neighbours' yet repeat from run to run.

export { prng as random } from "../../scripts/support/prng";

let input = "";
const waiting: { word: string; resolve: () => void }[] = [];
let listening = false;

/** Resolves once `word` has arrived on stdin (also if it arrived before the call). */
export function heard(word: string): Promise<void> {
  if (!listening) {
    listening = true;
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk: string) => {
      input += chunk;
      for (const w of waiting.filter((w) => input.includes(w.word))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    });
  }
  return new Promise<void>((resolve) => (input.includes(word) ? resolve() : waiting.push({ word, resolve })));
}
