import { describe, expect, it, vi } from "vitest";
import { parseCsv } from "@/lib/orders/csv";
import { toCsv, type CsvColumn } from "@/lib/reports/csv";
import { keysetCsvStream } from "./csv-stream";

type Row = { id: number; name: string };
const columns: CsvColumn<Row>[] = [
  { header: "id", value: (r) => r.id },
  { header: "name", value: (r) => r.name },
];
const table: Row[] = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, name: i === 2 ? '=cmd, "quoted"' : `row ${i + 1}` }));

function source() {
  const calls: (number | null)[] = [];
  const fetchBatch = vi.fn(async (after: number | null, size: number) => {
    calls.push(after);
    return table.filter((r) => after === null || r.id > after).slice(0, size);
  });
  return { fetchBatch, calls };
}

describe("keysetCsvStream", () => {
  it("writes the same document as toCsv, fetching batch after batch from the last key", async () => {
    const { fetchBatch, calls } = source();
    const text = await new Response(keysetCsvStream({ columns, fetchBatch, keyOf: (r) => r.id, batchSize: 3 })).text();
    expect(text).toBe(toCsv(columns, table));
    expect(parseCsv(text)).toHaveLength(8);
    // 3 + 3 + 1: the short batch ends it
    expect(calls).toEqual([null, 3, 6]);
  });

  it("asks once more when the table is an exact multiple of the batch, and stops on the empty batch", async () => {
    const { fetchBatch, calls } = source();
    const text = await new Response(keysetCsvStream({ columns, fetchBatch, keyOf: (r) => r.id, batchSize: 7 })).text();
    expect(text).toBe(toCsv(columns, table));
    expect(calls).toEqual([null, 7]);
  });

  it("reads nothing before the consumer pulls", async () => {
    const { fetchBatch } = source();
    const stream = keysetCsvStream({ columns, fetchBatch, keyOf: (r) => r.id, batchSize: 2 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    // the header is queued ahead; no batch is read until someone takes it
    expect(fetchBatch).not.toHaveBeenCalled();
    const reader = stream.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fetchBatch).toHaveBeenCalledTimes(1);
    reader.releaseLock();
    await stream.cancel();
  });

  it("breaks the download when a batch fails, rather than ending a short file cleanly", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    let call = 0;
    const stream = keysetCsvStream<Row, number>({
      columns,
      fetchBatch: async () => {
        if (++call === 2) throw new Error("connection lost");
        return table.slice(0, 2);
      },
      keyOf: (r) => r.id,
      batchSize: 2,
    });
    await expect(new Response(stream).text()).rejects.toThrow("connection lost");
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});
