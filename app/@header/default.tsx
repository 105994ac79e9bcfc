import { SignOutForm } from "@/components/site/sign-out-form";
import { SiteHeader } from "@/components/site/site-header";
import { getCurrentUser } from "@/lib/auth/guards";

/** Every page's header, with the session read per request (which makes the page dynamic); the visitor's static copies have their own (./visitor). */
export default async function Header() {
  const user = await getCurrentUser();
  return <SiteHeader user={user} signOut={user ? <SignOutForm /> : null} />;
}
