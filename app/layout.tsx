import type { Metadata, Viewport } from "next";
import type { CSSProperties, ReactNode } from "react";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { getCurrentUser } from "@/lib/auth/guards";
import { getBrand } from "@/lib/brand/brand";
import { brandCssVariables } from "@/lib/brand/colour";
import { pointValueLabel } from "@/lib/brand/point-value";
import { isMailboxEnabled } from "@/lib/email/outbox";
import { getEnv } from "@/lib/env";
import "./globals.css";

// The brand (name, logo, colour) is an admin setting read per request; getBrand() is cached per request.
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

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [user, brand] = await Promise.all([getCurrentUser(), getBrand()]);
  // Tailwind v4 reads --color-brand-* where they are used, so overriding them here re-colours every page.
  const style = brandCssVariables(brand.primaryColor) as CSSProperties;
  return (
    <html lang="en" style={style}>
      <body className="flex min-h-screen flex-col bg-gray-50 text-gray-900 antialiased">
        <SiteHeader user={user} brand={brand} />
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
