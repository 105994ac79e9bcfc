"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button-classes";
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

const iconButton = "inline-flex size-11 items-center justify-center rounded-lg text-neutral-700 hover:bg-neutral-100 hover:text-neutral-900";

/**
 * The header's links behind a menu button on small screens. A native modal <dialog> (decision 0012):
 * the browser makes the rest of the page inert (the focus trap), closes it on Esc and returns focus to
 * the button — what a dialog library would add, without its script on every public page. Scrolling
 * behind it is locked in globals.css. Its content exists only while it is open, so the page (and its
 * HTML) holds the links and the email once.
 */
export function MobileNav({ items, email, children }: MobileNavProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);

  // Opened once its content is rendered, so the browser focuses the first control in it.
  useEffect(() => {
    if (open) dialog.current?.showModal();
  }, [open]);

  // Navigating, or signing in or out, closes the menu (its `close` event then clears `open`).
  useEffect(() => {
    dialog.current?.close();
  }, [pathname, email]);

  function onDialogClick(event: MouseEvent<HTMLDialogElement>) {
    const target = event.target as Element;
    // The dialog element itself is only hit on its backdrop (the panel inside fills it); a link closes
    // the menu too, also when it points at the page we are on.
    if (target === event.currentTarget || target.closest("a")) event.currentTarget.close();
  }

  return (
    <>
      <button type="button" aria-label="Open menu" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)} className={iconButton}>
        <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" className="size-6">
          <path d="M4 7h16M4 12h16M4 17h16" />
        </svg>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClick={onDialogClick}
        onClose={() => setOpen(false)}
        className="inset-x-0 top-0 bottom-auto m-0 max-h-dvh w-full max-w-full overflow-y-auto rounded-b-xl bg-white p-0 text-neutral-900 shadow-lg backdrop:bg-neutral-950/40"
      >
        {open ? (
          <div className="px-4 pt-3 pb-5">
            <div className="flex items-center justify-between">
              <h2 id={titleId} className="text-sm font-semibold text-neutral-600">
                Menu
              </h2>
              <button type="button" aria-label="Close menu" onClick={() => dialog.current?.close()} className={`-mr-1 ${iconButton}`}>
                <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" className="size-6">
                  <path d="M6 6l12 12M18 6 6 18" />
                </svg>
              </button>
            </div>

            <nav aria-label="Main" className="mt-2">
              <ul className="space-y-1">
                <li>
                  <NavLink href="/" className={menuLink}>
                    Home
                  </NavLink>
                </li>
                {items.map((item) => (
                  <li key={item.href}>
                    <NavLink href={item.href} className={menuLink}>
                      {item.label}
                    </NavLink>
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
                <Link href="/sign-in" className={buttonClasses("primary", "lg", "w-full")}>
                  Sign in
                </Link>
              )}
            </div>
          </div>
        ) : null}
      </dialog>
    </>
  );
}
