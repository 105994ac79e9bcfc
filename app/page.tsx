import { Landing } from "@/components/site/landing";
import { getProgramFacts } from "@/lib/brand/program-facts";

/** The landing page with a session cookie (the member's header); a visitor gets the static copy (app/visitor). */
export default async function HomePage() {
  return <Landing facts={await getProgramFacts()} />;
}
