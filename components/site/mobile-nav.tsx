"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Dialog } from "radix-ui";
import { useState, type ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { NavLink } from "./nav-link";
import type { NavItem } from "./site-header";

export type MobileNavProps = {
  items: NavItem[];
  /** The signed-in user's email, or null for a visitor (who then gets a "Sign in" link). */
  email: string | null;
  /** Extra controls for a signed-in user, e.g. the sign-out form. */
  children?: ReactNode;
};

const menuLink =
  "flex min-h-11 items-center rounded-lg px-3 text-base font-medium text-neutral-800 hover:bg-neutral-100 " +
  "aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800";

/** The header's links behind a menu button on small screens (a Radix Dialog: focus trap, Esc, focus return). */
export function MobileNav({ items, email, children }: MobileNavProps) {
  const pathname = usePathname();
  // Remember where the menu was opened rather than a boolean: navigating or signing in/out changes the
  // key, which closes the menu without an effect.
  const here = `${pathname}|${email ?? ""}`;
  const [openAt, setOpenAt] = useState<string | null>(null);

  return (
    <Dialog.Root open={openAt === here} onOpenChange={(open) => setOpenAt(open ? here : null)}>
      <Dialog.Trigger
        aria-label="Open menu"
        className="inline-flex size-11 items-center justify-center rounded-lg text-neutral-700 hover:bg-neutral-100 hover:text-neutral-900"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" className="size-6">
          <path d="M4 7h16M4 12h16M4 17h16" />
        </svg>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-neutral-950/40" />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed inset-x-0 top-0 z-50 max-h-dvh overflow-y-auto rounded-b-xl bg-white px-4 pt-3 pb-5 shadow-lg"
        >
          <div className="flex items-center justify-between">
            <Dialog.Title className="text-sm font-semibold text-neutral-600">Menu</Dialog.Title>
            <Dialog.Close
              aria-label="Close menu"
              className="-mr-1 inline-flex size-11 items-center justify-center rounded-lg text-neutral-700 hover:bg-neutral-100 hover:text-neutral-900"
            >
              <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" className="size-6">
                <path d="M6 6l12 12M18 6 6 18" />
              </svg>
            </Dialog.Close>
          </div>

          <nav aria-label="Main" className="mt-2">
            <ul className="space-y-1">
              <li>
                <Dialog.Close asChild>
                  <NavLink href="/" className={menuLink}>
                    Home
                  </NavLink>
                </Dialog.Close>
              </li>
              {items.map((item) => (
                <li key={item.href}>
                  <Dialog.Close asChild>
                    <NavLink href={item.href} className={menuLink}>
                      {item.label}
                    </NavLink>
                  </Dialog.Close>
                </li>
              ))}
            </ul>
          </nav>

          <div className="mt-4 border-t border-neutral-200 pt-4">
            {email ? (
              <div className="space-y-3">
                <p className="truncate px-3 text-sm text-neutral-600">
                  Signed in as <span className="font-medium text-neutral-900">{email}</span>
                </p>
                {children}
              </div>
            ) : (
              <Dialog.Close asChild>
                <Link href="/sign-in" className={buttonClasses("primary", "lg", "w-full")}>
                  Sign in
                </Link>
              </Dialog.Close>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
