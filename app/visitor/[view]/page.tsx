import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PricingView, pricingMetadata, visitorPlanState } from "@/components/billing/pricing-view";
import { CatalogView, catalogMetadata } from "@/components/rewards/catalog-view";
import { Landing } from "@/components/site/landing";
import { getProgramFacts } from "@/lib/brand/program-facts";
import { catalogFilterSchema, listCatalog } from "@/lib/rewards/catalog";
import { VISITOR_VIEWS, type VisitorView } from "@/lib/site/visitor-pages";

/**
 * The static copies of `/`, `/pricing` and `/rewards` as a visitor sees them (decision 0012).
 * next.config.ts rewrites a request here when it carries no session cookie and none of the query the
 * page reads, so nothing here may depend on who is asking: no session, no cookies, no search params.
 * Rendered at the first request rather than at build (the build needs no database), then served from
 * the cache and re-rendered in the background at most once a minute — plans, rewards and the program
 * settings (brand, earning rate, tiers, referral offer) change rarely, and admin edits refresh it at
 * once (lib/site/refresh-visitor-pages.ts).
 */
export const revalidate = 60;

export function generateStaticParams(): { view: VisitorView }[] {
  return [];
}

function viewOf(view: string): VisitorView {
  return (VISITOR_VIEWS as string[]).includes(view) ? (view as VisitorView) : notFound();
}

export async function generateMetadata({ params }: PageProps<"/visitor/[view]">): Promise<Metadata> {
  const view = viewOf((await params).view);
  return view === "pricing" ? pricingMetadata : view === "rewards" ? catalogMetadata : {};
}

export default async function VisitorPage({ params }: PageProps<"/visitor/[view]">) {
  const view = viewOf((await params).view);
  switch (view) {
    case "home":
      return <Landing facts={await getProgramFacts()} />;
    case "pricing":
      return <PricingView facts={await getProgramFacts()} planState={visitorPlanState(null)} />;
    case "rewards": {
      const filter = catalogFilterSchema.parse({});
      return <CatalogView balance={null} filter={filter} items={await listCatalog({ viewer: null, filter })} />;
    }
  }
}
