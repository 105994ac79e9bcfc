import { BackLink } from "@/components/admin/back-link";
import type { Metadata } from "next";
import { IntegrationCreateForm } from "@/components/admin/integration-create-form";
import { IntegrationImportForm } from "@/components/admin/integration-import-form";
import { IntegrationRevokeForm } from "@/components/admin/integration-revoke-form";
import { IntegrationSigningExample } from "@/components/admin/integration-signing-example";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { getEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { createIntegrationAction, importOrdersAction, revokeIntegrationAction } from "@/lib/orders/actions";
import { listIntegrations, type IntegrationSummary } from "@/lib/orders/integrations";

export const metadata: Metadata = { title: "Integrations · Admin" };

function Status({ integration }: { integration: IntegrationSummary }) {
  return integration.revokedAt ? (
    <span className="block">
      <Badge tone="danger" dot>
        Revoked
      </Badge>
      <span className="mt-1 block text-xs text-neutral-500">{formatDateTime(integration.revokedAt)}</span>
    </span>
  ) : (
    <Badge tone="success" dot>
      Active
    </Badge>
  );
}

function OrdersSent({ integration }: { integration: IntegrationSummary }) {
  return (
    <span className="block">
      {integration.orders.toLocaleString("en-US")}
      {integration.lastOrderAt ? <span className="block text-xs text-neutral-500">last {formatDateTime(integration.lastOrderAt)}</span> : null}
    </span>
  );
}

export default async function AdminIntegrationsPage() {
  await requireAdmin("/admin/integrations");
  const list = await listIntegrations();
  const active = list.filter((i) => !i.revokedAt);
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink />
      <PageHeader className="mt-2" title="Integrations" description="Shops and tills that report orders, refunds, reviews and shares. Each signs its requests with its own secret." />

      <Card className="mt-8">
        <CardHeader>
          <CardTitle>New integration</CardTitle>
          <CardDescription>Creates an id and a secret for one shop or till. The secret is shown once; Cairn stores only its hash.</CardDescription>
        </CardHeader>
        <CardContent>
          <IntegrationCreateForm action={createIntegrationAction} />
        </CardContent>
      </Card>

      <section className="mt-10" aria-labelledby="integrations-heading">
        <h2 id="integrations-heading" className="text-lg font-semibold text-neutral-900">
          Integrations
        </h2>
        {list.length === 0 ? (
          <EmptyState className="mt-3" title="No integrations yet" description="Create one above, then give its id and secret to the shop that sends orders." />
        ) : (
          <ul className="mt-3 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white">
            {list.map((integration) => (
              <li key={integration.id} className="grid gap-3 px-4 py-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-start">
                <div className="min-w-0">
                  <p className="font-medium text-neutral-900">{integration.name}</p>
                  <p className="mt-1 text-xs text-neutral-600">
                    id <code className="break-all">{integration.id}</code>
                  </p>
                  <p className="text-xs text-neutral-600">
                    secret <code>{integration.secretPrefix}…</code> · created {formatDateTime(integration.createdAt)}
                  </p>
                </div>
                <div className="text-sm">
                  <span className="text-neutral-600 sm:sr-only">Orders: </span>
                  <OrdersSent integration={integration} />
                </div>
                <div className="text-sm">
                  <Status integration={integration} />
                </div>
                <div className="text-sm sm:text-right">{integration.revokedAt ? null : <IntegrationRevokeForm id={integration.id} name={integration.name} action={revokeIntegrationAction} />}</div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <Card className="mt-10">
        <CardHeader>
          <CardTitle>Import past orders</CardTitle>
          <CardDescription>
            A CSV export from the shop, imported as if the integration had sent each order: points by today&apos;s rules, earned from the order date.
            Importing the same file again only reports duplicates. For large files use <code>npm run orders:import -- file.csv --integration &lt;id&gt;</code>.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <IntegrationImportForm action={importOrdersAction} integrations={active.map((i) => ({ id: i.id, name: i.name }))} />
        </CardContent>
      </Card>

      <Card className="mt-10">
        <CardHeader>
          <CardTitle>Signing requests</CardTitle>
          <CardDescription>What the shop&apos;s developer needs, besides the id and the secret.</CardDescription>
        </CardHeader>
        <CardContent>
          <IntegrationSigningExample appUrl={getEnv().APP_URL} />
        </CardContent>
      </Card>
    </div>
  );
}
