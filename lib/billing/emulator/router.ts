import { StripeEmulatorError, unrecognizedUrl, type StripeErrorBody } from "./errors";
import { parseForm, type FormObject } from "./form";
import { randomBase62 } from "./ids";
import { billingPortalRoutes } from "./resources/billing-portal-sessions";
import { chargeRoutes } from "./resources/charges";
import { checkoutSessionRoutes } from "./resources/checkout-sessions";
import { couponRoutes } from "./resources/coupons";
import { customerRoutes } from "./resources/customers";
import { disputeRoutes } from "./resources/disputes";
import { eventRoutes } from "./resources/events";
import { invoiceRoutes } from "./resources/invoices";
import { priceRoutes } from "./resources/prices";
import { productRoutes } from "./resources/products";
import { promotionCodeRoutes } from "./resources/promotion-codes";
import { refundRoutes } from "./resources/refunds";
import { subscriptionRoutes } from "./resources/subscriptions";
import { RouteContext, type Route } from "./route";
import { ObjectStore } from "./store";
import type { Core } from "./work";

const routes: Route[] = [
  ...customerRoutes,
  ...productRoutes,
  ...priceRoutes,
  ...couponRoutes,
  ...promotionCodeRoutes,
  ...checkoutSessionRoutes,
  ...subscriptionRoutes,
  ...invoiceRoutes,
  ...chargeRoutes,
  ...refundRoutes,
  ...disputeRoutes,
  ...eventRoutes,
  ...billingPortalRoutes,
];

const compiled = routes.map((route) => {
  const names: string[] = [];
  const pattern = new RegExp(
    "^" +
      route.path.replace(/:(\w+)/g, (_, name: string) => {
        names.push(name);
        return "([^/]+)";
      }) +
      "$",
  );
  return { route, pattern, names };
});

export type EmulatorRequest = { method: string; path: string; query: string; body: string; headers: Headers };
export type EmulatorResponse = { status: number; body: object; headers: Record<string, string> };

const IDEMPOTENCY_OBJECT = "emulator.idempotency";
type SavedResponse = { method: string; path: string; body: string; status: number; response: object };

/** One Stripe API request, handled in-process: the SDK's HTTP client ends here. */
export async function handleRequest(core: Core, req: EmulatorRequest): Promise<EmulatorResponse> {
  const requestId = `req_${randomBase62(14)}`;
  const headers = { "content-type": "application/json", "request-id": requestId, "stripe-version": core.apiVersion };
  const method = req.method.toUpperCase();
  try {
    if (!/^Bearer (sk|rk)_test_\w+$/.test(req.headers.get("authorization") ?? "")) {
      return { status: 401, headers, body: { error: { type: "invalid_request_error", message: "You did not provide a test-mode API key (sk_test_…); the emulator accepts any of them." } } };
    }
    const match = findRoute(method, req.path);
    if (!match) throw unrecognizedUrl(method, req.path);

    // Idempotency keys the app chose replay their first response (the SDK's own automatic keys are
    // not worth storing: the emulator client never retries).
    const key = req.headers.get("idempotency-key");
    const idemId = method === "POST" && key && !key.startsWith("stripe-node-retry-") ? `idem_${key}` : null;
    const store = new ObjectStore(core.db);
    if (idemId) {
      const saved = await store.findInternal<SavedResponse>(idemId);
      if (saved) {
        if (saved.path !== req.path || saved.body !== req.body) {
          throw new StripeEmulatorError(400, { type: "idempotency_error", message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.` });
        }
        return { status: saved.status, headers: { ...headers, "idempotent-replayed": "true" }, body: saved.response };
      }
    }

    const params: FormObject = parseForm(method === "POST" ? req.body : req.query);
    const ctx = new RouteContext(core, params, match.path, { id: requestId, idempotency_key: key });
    const body = await match.route.handler(ctx);
    if (idemId) await store.putRaw(idemId, IDEMPOTENCY_OBJECT, { method, path: req.path, body: req.body, status: 200, response: body } satisfies SavedResponse, 0);
    return { status: 200, headers, body };
  } catch (error) {
    if (error instanceof StripeEmulatorError) return { status: error.status, headers, body: { error: { ...error.body, request_log_url: null } } };
    // A bug in the emulator: say so plainly rather than pretend Stripe is down.
    console.error("[stripe-emulator]", error);
    const body: StripeErrorBody = { type: "api_error", message: `Stripe emulator error: ${error instanceof Error ? error.message : String(error)}` };
    return { status: 500, headers: { ...headers, "stripe-should-retry": "false" }, body: { error: body } };
  }
}

function findRoute(method: string, path: string): { route: Route; path: Record<string, string> } | null {
  for (const { route, pattern, names } of compiled) {
    if (route.method !== method) continue;
    const m = pattern.exec(path);
    if (!m) continue;
    return { route, path: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}
