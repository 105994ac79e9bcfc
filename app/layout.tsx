import type { Metadata, Viewport } from "next";
import type { CSSProperties, ReactNode } from "react";
import { SiteFooter } from "@/components/site/site-footer";
import { BrandHeader } from "@/components/site/site-header";
import { getBrand } from "@/lib/brand/brand";
import { brandCssVariables } from "@/lib/brand/colour";
import { pointValueLabel } from "@/lib/brand/point-value";
import { isMailboxEnabled } from "@/lib/email/outbox";
import { getEnv } from "@/lib/env";
import "./globals.css";

// The brand (name, logo, colour) is an admin setting; getBrand() is one query per render (React
// cache), on the visitor's static copies once per re-render. Its action refreshes every page.
export async function generateMetadata(): Promise<Metadata> {
  const { programName } = await getBrand();
  return {
    title: { default: `${programName} — membership, points and rewards`, template: `%s · ${programName}` },
    description: "Join free, earn points on every purchase, redeem them for rewards and real experiences, and invite friends.",
  };
}

export async function generateViewport(): Promise<Viewport> {
  const { primaryColor } = await getBrand();
  return { width: "device-width", initialScale: 1, themeColor: primaryColor };
}

/**
 * Reads no session, so a page can be static: the header is the `@header` slot — `@header/default.tsx`
 * reads the session for every page, `@header/visitor` is the visitor's header on the static copies of
 * the public pages (decision 0012). The 404 of an unknown address is rendered with this layout alone,
 * without its slots, and Next prepares that render on every page: it gets the brand header, which
 * reads no session. (notFound() and forbidden() inside a page keep the slot's header.) The brand is
 * a settings read, not a request read, so it leaves a page static.
 */
export default async function RootLayout({ children, header }: { children: ReactNode; header?: ReactNode }) {
  const brand = await getBrand();
  // Tailwind v4 reads --color-brand-* where they are used, so overriding them here re-colours every page.
  const style = brandCssVariables(brand.primaryColor) as CSSProperties;
  return (
    <html lang="en" style={style}>
      <body className="flex min-h-screen flex-col bg-gray-50 text-gray-900 antialiased">
        {header ?? <BrandHeader brand={brand} />}
        <main id="main" tabIndex={-1} className="flex-1 outline-none">
          {children}
        </main>
        <SiteFooter
          showMailbox={isMailboxEnabled()}
          showStripeEmulator={getEnv().embedded.billing}
          brand={{ ...brand, pointValue: pointValueLabel(brand.pointValueCents, brand.currency) }}
        />
      </body>
    </html>
  );
}
