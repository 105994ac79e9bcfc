import { accountingCsvRoute } from "../_csv-route";

/** Outstanding points liability by month, as CSV (admins only). */
export const GET = accountingCsvRoute("liability");
