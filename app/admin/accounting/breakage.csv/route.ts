import { accountingCsvRoute } from "../_csv-route";

/** Breakage history by month, as CSV (admins only). */
export const GET = accountingCsvRoute("breakage");
