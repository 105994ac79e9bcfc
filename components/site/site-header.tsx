import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { BrandMark, type SiteBrand } from "./brand-mark";
import { MobileNav } from "./mobile-nav";
import { NavLink } from "./nav-link";

export type SiteUser = { email: string; name?: string | null; role: "member" | "admin" };
export type NavItem = { href: string; label: string };

/** Only pages that exist are linked; the header reflects the session it is given. */
function navItems(user: SiteUser | null): NavItem[] {
  if (!user) return [{ href: "/#how-it-works", label: "How it works" }, { href: "/rewards", label: "Rewards" }, { href: "/pricing", label: "Pricing" }];
  const items: NavItem[] = [
    { href: "/dashboard", label: "Dashboard" },
    { href: "/points", label: "Points" },
    { href: "/rewards", label: "Rewards" },
    { href: "/redemptions", label: "Redemptions" },
    { href: "/pricing", label: "Plans" },
    { href: "/referrals", label: "Refer a friend" },
  ];
  if (user.role === "admin") items.push({ href: "/admin", label: "Admin" });
  return items;
}

const desktopLink =
  "inline-flex h-10 items-center rounded-lg px-3 text-sm font-medium text-neutral-700 hover:bg-neutral-100 hover:text-neutral-900 " +
  "aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800";

const DEFAULT_SITE_BRAND: SiteBrand = { programName: "Cairn", logoSrc: null };

/** The bar every header shares: the skip link and the brand, then whatever the header adds. */
function HeaderBar({ brand, children }: { brand: SiteBrand; children?: ReactNode }) {
  return (
    <header className="border-b border-neutral-200 bg-white">
      {/* Off-screen until focused (not display:none), so it is the first thing a keyboard user reaches. */}
      <a
        href="#main"
        className="absolute top-2 left-2 z-50 -translate-y-20 rounded-lg bg-brand-700 px-4 py-3 text-sm font-medium text-white focus:translate-y-0"
      >
        Skip to content
      </a>
      <div className="mx-auto flex h-16 w-full max-w-5xl items-center justify-between gap-4 px-4 sm:px-6">
        <Link
          href="/"
          className="-ml-1 inline-flex min-h-11 min-w-0 items-center gap-2 rounded-lg px-1 text-lg font-semibold tracking-tight text-neutral-900"
        >
          <BrandMark logoSrc={brand.logoSrc} className="h-7" />
          {/* A long program name shortens with an ellipsis rather than push the menu off a 320 px screen. */}
          <span className="min-w-0 truncate sm:max-w-xs">{brand.programName}</span>
        </Link>
        {children}
      </div>
    </header>
  );
}

/**
 * `brand`: the program's name and logo (lib/brand getBrand), Cairn's own by default.
 * `signOut` (components/site/sign-out-form.tsx) is passed in rather than imported, so the visitor's
 * static header (app/@header/visitor) ships none of its client code; it is shown beside the email and
 * handed to the mobile menu too, so both post to the same action.
 */
export function SiteHeader({ user, signOut, brand = DEFAULT_SITE_BRAND }: { user: SiteUser | null; signOut?: ReactNode; brand?: SiteBrand }) {
  const items = navItems(user);

  return (
    <HeaderBar brand={brand}>
      {/* lg, not md: with Rewards and Redemptions a member's links no longer fit a tablet's width. */}
      <nav aria-label="Main" className="hidden items-center gap-1 lg:flex">
        {items.map((item) => (
          <NavLink key={item.href} href={item.href} className={desktopLink}>
            {item.label}
          </NavLink>
        ))}
        {user ? (
          <div className="ml-3 flex items-center gap-3 border-l border-neutral-200 pl-4">
            <span className="max-w-48 truncate text-sm text-neutral-600" title={user.email}>
              <span className="sr-only">Signed in as </span>
              {user.email}
            </span>
            {signOut}
          </div>
        ) : (
          <Link href="/sign-in" className={buttonClasses("primary", "sm", "ml-2")}>
            Sign in
          </Link>
        )}
      </nav>

      <div className="flex items-center gap-2 lg:hidden">
        {/* Signing in is the one action a visitor came for, so it stays visible next to the menu. */}
        {user ? null : (
          <Link href="/sign-in" className={buttonClasses("primary", "sm")}>
            Sign in
          </Link>
        )}
        <MobileNav items={items} email={user?.email ?? null}>
          {user ? signOut : null}
        </MobileNav>
      </div>
    </HeaderBar>
  );
}

/**
 * The header of the 404 for an unknown address, which Next renders with the root layout alone (no
 * header slot) and prepares on every page, so it must not read the session: the brand and its link
 * home (a settings read), which are true for everyone.
 */
export function BrandHeader({ brand = DEFAULT_SITE_BRAND }: { brand?: SiteBrand }) {
  return <HeaderBar brand={brand} />;
}
