import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { getCurrentUser } from "@/lib/auth/guards";
import { isMailboxEnabled } from "@/lib/email/outbox";
import { getEnv } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cairn — membership, points and rewards", template: "%s · Cairn" },
  description: "Join free, earn points on every purchase, redeem them for rewards and real experiences, and invite friends.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#186355" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col bg-gray-50 text-gray-900 antialiased">
        <SiteHeader user={user} />
        <main id="main" tabIndex={-1} className="flex-1 outline-none">
          {children}
        </main>
        <SiteFooter showMailbox={isMailboxEnabled()} showStripeEmulator={getEnv().embedded.billing} />
      </body>
    </html>
  );
}
