import { CatalogView, catalogMetadata } from "@/components/rewards/catalog-view";
import { getCurrentUser } from "@/lib/auth/guards";
import { customerForUser } from "@/lib/ledger/customers";
import { catalogFilterSchema, getViewer, listCatalog } from "@/lib/rewards/catalog";

export const metadata = catalogMetadata;

/**
 * The catalog, rendered per request for whoever has a session cookie or a filter in the query
 * (decision 0012): a signed-in member sees their balance and what each reward needs. A plain visitor
 * gets the static copy (app/visitor).
 */
export default async function RewardsPage(props: PageProps<"/rewards">) {
  const user = await getCurrentUser();
  const filter = catalogFilterSchema.parse(await props.searchParams);
  const viewer = await getViewer(user ? (await customerForUser(user)).id : null);
  const items = await listCatalog({ viewer, filter });
  return <CatalogView balance={viewer?.balance ?? null} filter={filter} items={items} />;
}
