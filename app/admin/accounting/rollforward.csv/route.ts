import { accountingCsvRoute } from "../_csv-route";

/** The points roll-forward by month, as CSV (admins only). */
export const GET = accountingCsvRoute("rollforward");
