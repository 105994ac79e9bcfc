import "server-only";
import { EarningError } from "@/lib/earning/errors";
import { CsvError, parseCsv } from "./csv";
import { OrderApiError } from "./errors";
import { firstIssue } from "./http";
import { ingestOrder } from "./ingest-order";
import { getIntegration } from "./integrations";
import { orderInputSchema } from "./schemas";

export const IMPORT_COLUMNS = ["external_id", "email", "currency", "total_cents", "qualifying_cents", "placed_at"] as const;
/** One request's worth; larger files go through `npm run orders:import`. */
export const MAX_IMPORT_ROWS = 50_000;

export type ImportLine =
  | { line: number; status: "created" | "duplicate"; externalId: string; points: number }
  | { line: number; status: "error"; externalId: string | null; field: string; error: string };

export type ImportReport = { created: number; duplicate: number; errors: number; lines: ImportLine[] };

/** The API's field names as the CSV's column names, so the report names what the file calls them. */
const COLUMN_OF: Record<string, string> = { externalId: "external_id", email: "email", currency: "currency", totalCents: "total_cents", qualifyingCents: "qualifying_cents", placedAt: "placed_at" };

/** "1999" → 1999; anything else stays text so the schema names the column. */
const integer = (text: string) => (/^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text);
/** A bare date is midnight UTC; date-times keep their zone. */
const dateTime = (text: string) => (/^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? `${text.trim()}T00:00:00Z` : text.trim());

/** The whole file is refused (nothing imported): a missing column, bad quoting, too many rows. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "ImportFileError";
  }
}

/**
 * Past orders from a CSV file (columns external_id,email,currency,total_cents,qualifying_cents,
 * placed_at), each through the same ingestion as the API, so a re-run reports duplicates and
 * posts nothing twice. One line's error does not stop the others.
 */
export async function importOrdersCsv(integrationId: string, csv: string, onLine?: (line: ImportLine) => void): Promise<ImportReport> {
  const integration = await getIntegration(integrationId);
  if (!integration) throw new ImportFileError("There is no integration with that id.", 0);
  if (integration.revokedAt) throw new ImportFileError(`${integration.name} was revoked: import with an active integration.`, 0);

  let records;
  try {
    records = parseCsv(csv);
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError(error.message, error.line);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new ImportFileError(`The file is empty: the first line must be ${IMPORT_COLUMNS.join(",")}.`, 1);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = IMPORT_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) throw new ImportFileError(`The header lacks ${missing.join(", ")}: the first line must be ${IMPORT_COLUMNS.join(",")}.`, header.line);
  if (rows.length > MAX_IMPORT_ROWS) throw new ImportFileError(`The file has ${rows.length} orders; import at most ${MAX_IMPORT_ROWS} at a time.`, 1);
  const index = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<(typeof IMPORT_COLUMNS)[number], number>;

  const report: ImportReport = { created: 0, duplicate: 0, errors: 0, lines: [] };
  for (const row of rows) {
    const cell = (column: (typeof IMPORT_COLUMNS)[number]) => row.fields[index[column]] ?? "";
    const externalId = cell("external_id").trim() || null;
    const result = await importLine(integration.id, {
      externalId: cell("external_id"),
      email: cell("email"),
      currency: cell("currency"),
      totalCents: integer(cell("total_cents")),
      qualifyingCents: integer(cell("qualifying_cents")),
      placedAt: dateTime(cell("placed_at")),
    });
    const line: ImportLine = "error" in result ? { line: row.line, externalId, ...result } : { line: row.line, externalId: externalId ?? "", ...result };
    if (line.status === "created") report.created++;
    else if (line.status === "duplicate") report.duplicate++;
    else report.errors++;
    report.lines.push(line);
    onLine?.(line);
  }
  return report;
}

async function importLine(integrationId: string, raw: Record<string, unknown>): Promise<{ status: "created" | "duplicate"; points: number } | { status: "error"; field: string; error: string }> {
  const parsed = orderInputSchema.safeParse(raw);
  if (!parsed.success) {
    const { field, error } = firstIssue(parsed.error);
    return { status: "error", field: COLUMN_OF[field] ?? field, error };
  }
  try {
    const outcome = await ingestOrder(integrationId, parsed.data);
    return { status: outcome.status, points: outcome.points };
  } catch (error) {
    if (error instanceof OrderApiError || error instanceof EarningError) {
      const field = error instanceof OrderApiError ? (error.field ?? "row") : "external_id";
      return { status: "error", field: COLUMN_OF[field] ?? field, error: error.message };
    }
    throw error;
  }
}
