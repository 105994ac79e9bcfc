/** One record of a CSV file, with the line it starts on (1 = the header) for error reports. */
export type CsvRecord = { line: number; fields: string[] };

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvError";
  }
}

/**
 * RFC 4180 CSV: commas, double-quoted fields with "" for a quote, quoted line breaks, LF or CRLF,
 * an optional UTF-8 BOM. Blank lines are skipped. Small and strict rather than a dependency: the
 * import reads one known, simple format.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const nul = input.indexOf("\u0000");
  // A text file has none, and Postgres could not store one.
  if (nul >= 0) throw new CsvError("The file contains a NUL byte: save it as a plain-text CSV and try again.", input.slice(0, nul).split("\n").length);
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;

  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== "" || fieldStarted) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    fieldStarted = false;
  };

  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== "") throw new CsvError("A quote may only start a field.", line);
      quoted = true;
      fieldStarted = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
      fieldStarted = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && input[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (fields.length === 0 && field === "" && !fieldStarted) recordLine = line;
      field += c;
    }
  }
  if (quoted) throw new CsvError("A quoted field is not closed.", recordLine);
  if (field !== "" || fields.length > 0 || fieldStarted) endRecord();
  return records;
}
