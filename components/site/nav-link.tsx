"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ComponentProps } from "react";
import { publicPathname } from "@/lib/site/visitor-pages";

export type NavLinkProps = ComponentProps<typeof Link> & { href: string };

/**
 * A Link that marks itself `aria-current="page"` on its own page and below it (/admin covers /admin/…),
 * so screen readers announce where you are and CSS can style it with `aria-[current=page]:`.
 * Hash links (/#how-it-works) never claim to be the current page.
 */
export function NavLink({ href, ...props }: NavLinkProps) {
  // Null outside the App Router (e.g. rendered in a test); then nothing is current. A visitor's static
  // copy renders at /visitor/<view> and hydrates at its public path: compare the public one, so both agree.
  const rendered: string | null = usePathname();
  const pathname = rendered === null ? null : publicPathname(rendered);
  const current =
    pathname !== null &&
    !href.includes("#") &&
    (pathname === href || (href !== "/" && pathname.startsWith(`${href}/`)));
  return <Link href={href} aria-current={current ? "page" : undefined} {...props} />;
}
