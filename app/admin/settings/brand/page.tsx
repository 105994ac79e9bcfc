import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/admin/back-link";
import { BrandForm } from "@/components/admin/settings/brand-form";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { loadBrand } from "@/lib/brand/brand";
import { updateBrandAction } from "@/lib/settings-admin/actions";

export const metadata: Metadata = { title: "Brand · Admin" };

export default async function BrandSettingsPage() {
  await requireAdmin("/admin/settings/brand");
  const { logoSrc, pointValueCents: _value, ...brand } = await loadBrand();

  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10">
      <BackLink href="/admin/settings" label="Program settings" />
      <PageHeader className="mt-2" title="Brand" description="How the program presents itself: the site's header, footer and page titles, the landing page, and every email." />
      <p className="mt-4 text-sm text-neutral-600">
        The point value members see (&ldquo;100 points = $1.00&rdquo;) is set with the{" "}
        <Link href="/admin/settings/expiry" className="font-medium text-brand-700 underline">
          points expiry and value
        </Link>
        .
      </p>
      <Card className="mt-8">
        <CardContent>
          <BrandForm brand={brand} logoSrc={logoSrc} action={updateBrandAction} />
        </CardContent>
      </Card>
    </div>
  );
}
