"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Spinner } from "@/components/ui/spinner";

/**
 * Re-renders the server page every `intervalMs` until it stops rendering this component, or
 * `timeoutMs` passes — then says what to do instead of spinning forever.
 */
export function AutoRefresh({ intervalMs = 1500, timeoutMs = 60_000 }: { intervalMs?: number; timeoutMs?: number }) {
  const router = useRouter();
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        setGaveUp(true);
        return;
      }
      router.refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [router, intervalMs, timeoutMs]);
  if (gaveUp) {
    return (
      <p role="status" className="text-gray-700">
        This is taking longer than usual. Your payment is safe: we&apos;ll email you as soon as your membership is active, and your dashboard will show it.
      </p>
    );
  }
  return (
    <p role="status" className="flex items-center gap-2 text-gray-700">
      <Spinner /> Confirming your payment with Stripe…
    </p>
  );
}
