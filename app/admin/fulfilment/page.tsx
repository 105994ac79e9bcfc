import { BackLink } from "@/components/admin/back-link";
import type { Metadata } from "next";
import { FulfilmentActions } from "@/components/admin/fulfilment-actions";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { formatDateTime, formatPoints } from "@/lib/format";
import { listFulfilmentQueue } from "@/lib/rewards/operations";
import { cancelFulfilmentAction, markFulfilledAction, markShippedAction } from "@/lib/rewards/operations-actions";

export const metadata: Metadata = { title: "Fulfilment · Admin" };

const actions = { ship: markShippedAction, fulfil: markFulfilledAction, cancel: cancelFulfilmentAction };

export default async function FulfilmentPage() {
  await requireAdmin("/admin/fulfilment");
  const queue = await listFulfilmentQueue();
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10">
      <BackLink />
      <PageHeader className="mt-2" title="Fulfilment" description="Products to ship and services to deliver, oldest first. Each action happens once, whoever clicks first." />
      <h2 className="mt-8 text-lg font-semibold text-neutral-900">Waiting{queue.total ? ` (${queue.total})` : ""}</h2>
      {queue.items.length === 0 ? (
        <EmptyState className="mt-3" title="Nothing to fulfil" description="Product and service redemptions wait here until they are shipped, fulfilled or cancelled." />
      ) : (
        <ul className="mt-3 divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white">
          {queue.items.map((item) => (
            <li key={item.redemptionId} className="grid gap-4 px-4 py-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
              <div className="min-w-0 space-y-1 text-sm">
                <p className="font-medium text-neutral-900">
                  {item.rewardTitle} <Badge tone="neutral">{item.kind === "product" ? "Product" : "Service"}</Badge>{" "}
                  {item.cancelling ? <Badge tone="warning">Cancellation under way</Badge> : null}
                </p>
                <p>
                  {item.name} · <span className="break-all">{item.email}</span>
                </p>
                {item.kind === "product" ? <p className="text-neutral-900">{item.address ?? <span className="text-danger-700">No shipping address</span>}</p> : null}
                <p className="text-neutral-600">
                  Redeemed {formatDateTime(item.createdAt)} · {formatPoints(item.pointsCost)}
                </p>
              </div>
              <FulfilmentActions redemptionId={item.redemptionId} kind={item.kind} subject={`${item.rewardTitle} for ${item.email}`} actions={actions} />
            </li>
          ))}
        </ul>
      )}
      {queue.total > queue.items.length ? <p className="mt-2 text-sm text-neutral-600">Showing the oldest {queue.items.length} of {queue.total}.</p> : null}
    </div>
  );
}
