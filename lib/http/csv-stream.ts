// A CSV download streamed page by page. A long export never sits in memory, gives the event loop
// back between pages, and, when a page fails after the first bytes went out, ends as a broken
// transfer: the client sees an error, never a file that looks complete but is not.
import "server-only";
import { csvRow } from "@/lib/audit/csv";
import { nextTurn } from "@/lib/turns";

export interface CsvStreamOptions<T> {
  header: readonly string[];
  /** Pages of records, read one at a time as the client takes them. */
  pages: AsyncGenerator<T[]>;
  row: (record: T) => unknown[];
  filename: string;
  /** What the log line names when the export fails part-way. */
  label: string;
}

export function csvStreamResponse<T>({ header, pages, row, filename, label }: CsvStreamOptions<T>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow([...header])));
    },
    async pull(controller) {
      try {
        // One page per pull, with a turn of the event loop first: the database driver answers
        // synchronously, so back-to-back pages would keep every other request waiting.
        await nextTurn();
        const next = await pages.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map((record) => csvRow(row(record))).join("")));
      } catch (error) {
        console.error(`${label}: the export failed part-way and was cut off`, error);
        // Erroring the stream makes the server abort the response instead of finishing it.
        controller.error(new Error(`${label} failed part-way`));
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
