import { SiteHeader } from "@/components/site/site-header";

/** The header of the visitor's static pages (app/visitor): nobody is signed in there, by construction. */
export default function VisitorHeader() {
  return <SiteHeader user={null} />;
}
