import { accountingCsvRoute } from "../_csv-route";

/** Points expiring in each of the next 12 months, as CSV (admins only). */
export const GET = accountingCsvRoute("expiry");
