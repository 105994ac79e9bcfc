/**
 * RFC 4180 CSV writing for every export (members, orders, postings, analytics tables, accounting).
 * Fields that could be read as formulas by a spreadsheet (=, +, -, @, tab, CR) are prefixed with a
 * quote (OWASP "CSV injection"); numbers are written as they are.
 */

export type CsvValue = string | number | bigint | boolean | Date | null | undefined;

export type CsvColumn<Row> = { header: string; value: (row: Row) => CsvValue };

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV document: a header line, then one line per row, CRLF line ends. */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): string {
  const lines = [columns.map((column) => csvField(column.header)).join(",")];
  for (const row of rows) lines.push(columns.map((column) => csvField(column.value(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** A download response for a route handler: `cairn-<name>-<yyyy-mm-dd>.csv`, never cached. The body may be streamed. */
export function csvResponse(name: string, csv: string | ReadableStream<Uint8Array>, now = new Date()): Response {
  const filename = `cairn-${name}-${now.toISOString().slice(0, 10)}.csv`;
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
