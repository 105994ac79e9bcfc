import { SiteHeader } from "@/components/site/site-header";
import { getBrand } from "@/lib/brand/brand";

/** The header of the visitor's static pages (app/visitor): nobody is signed in there, by construction; the brand is a settings read. */
export default async function VisitorHeader() {
  return <SiteHeader user={null} brand={await getBrand()} />;
}
