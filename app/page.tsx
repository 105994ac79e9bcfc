import { Landing } from "@/components/site/landing";

/** The landing page with a session cookie (the member's header); a visitor gets the static copy (app/visitor). */
export default function HomePage() {
  return <Landing />;
}
