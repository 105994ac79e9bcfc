import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/site/site-footer";
import { BrandHeader } from "@/components/site/site-header";
import { isMailboxEnabled } from "@/lib/email/outbox";
import { getEnv } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cairn — membership, points and rewards", template: "%s · Cairn" },
  description: "Join free, earn points on every purchase, redeem them for rewards and real experiences, and invite friends.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#186355" };

/**
 * Reads no session, so a page can be static: the header is the `@header` slot — `@header/default.tsx`
 * reads the session for every page, `@header/visitor` is the visitor's header on the static copies of
 * the public pages (decision 0012). The 404 of an unknown address is rendered with this layout alone,
 * without its slots, and Next prepares that render on every page: it gets the brand header, which
 * reads nothing. (notFound() and forbidden() inside a page keep the slot's header.)
 */
export default function RootLayout({ children, header }: { children: ReactNode; header?: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col bg-gray-50 text-gray-900 antialiased">
        {header ?? <BrandHeader />}
        <main id="main" tabIndex={-1} className="flex-1 outline-none">
          {children}
        </main>
        <SiteFooter showMailbox={isMailboxEnabled()} showStripeEmulator={getEnv().embedded.billing} />
      </body>
    </html>
  );
}
