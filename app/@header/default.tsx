import { SignOutForm } from "@/components/site/sign-out-form";
import { SiteHeader } from "@/components/site/site-header";
import { getCurrentUser } from "@/lib/auth/guards";
import { getBrand } from "@/lib/brand/brand";

/** Every page's header, with the session read per request (which makes the page dynamic); the visitor's static copies have their own (./visitor). */
export default async function Header() {
  // getBrand() is the layout's query too (React cache): one read per request.
  const [user, brand] = await Promise.all([getCurrentUser(), getBrand()]);
  return <SiteHeader user={user} brand={brand} signOut={user ? <SignOutForm /> : null} />;
}
