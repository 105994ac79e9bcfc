import { csvField, type CsvColumn } from "@/lib/reports/csv";

/**
 * A CSV download that never holds the whole table: the header first, then one keyset batch per
 * pull, so memory stays at one batch and a slow client slows the queries instead of filling
 * memory (the stream pulls only when the response has room). Same format as toCsv (header line,
 * CRLF line ends, formula-safe fields).
 *
 * Each batch is its own query, not one snapshot: rows written during a long download may or may
 * not appear — fine for an export, and no transaction stays open while a client downloads.
 */
export function keysetCsvStream<Row, Key>({
  columns,
  fetchBatch,
  keyOf,
  batchSize,
}: {
  columns: readonly CsvColumn<Row>[];
  /** The next `batchSize` rows after `after` (null: from the start), in key order. */
  fetchBatch: (after: Key | null, batchSize: number) => Promise<Row[]>;
  keyOf: (row: Row) => Key;
  batchSize: number;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const line = (values: string[]) => `${values.join(",")}\r\n`;
  let after: Key | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(line(columns.map((column) => csvField(column.header)))));
        return;
      }
      try {
        const rows = await fetchBatch(after, batchSize);
        if (rows.length) {
          controller.enqueue(encoder.encode(rows.map((row) => line(columns.map((column) => csvField(column.value(row))))).join("")));
          after = keyOf(rows[rows.length - 1]);
        }
        if (rows.length < batchSize) controller.close();
      } catch (error) {
        // Headers are long gone: the best signal left is a broken download, never a silently short file.
        console.error("[exports] a CSV batch failed", error);
        controller.error(error);
      }
    },
  });
}
