import { invalidRequest } from "./errors";
import type { ObjectStore } from "./store";
import type { JsonObject, ListObject } from "./types";

/**
 * Turning stored objects into responses: `expand[]` replaces ids with the objects they name, and
 * "includable" fields (present only when expanded, like a session's `line_items`) are added or
 * stripped. Event snapshots use the unexpanded form, as Stripe's do.
 */

/** Includable fields kept on the stored object but sent only when expanded. */
const STORED_INCLUDABLES: Record<string, string[]> = { "checkout.session": ["line_items"] };

type Virtual = (store: ObjectStore, owner: JsonObject) => Promise<ListObject<unknown>>;

/** Includable fields computed from other objects when expanded. */
const VIRTUAL_INCLUDABLES: Record<string, Record<string, Virtual>> = {
  invoice: {
    payments: async (store, invoice) => listOf(`/v1/invoices/${invoice.id}/payments`, await store.all("invoice_payment", { invoice: invoice.id })),
  },
  charge: {
    refunds: async (store, charge) => listOf(`/v1/charges/${charge.id}/refunds`, (await store.all("refund", { charge: charge.id })).reverse()),
  },
  customer: {
    subscriptions: async (store, customer) =>
      listOf(`/v1/customers/${customer.id}/subscriptions`, (await store.all("subscription", { customer: customer.id })).filter((s) => s.status !== "canceled").reverse()),
  },
};

const MAX_DEPTH = 4;

export function listOf<T>(url: string, data: T[], hasMore = false): ListObject<T> {
  return { object: "list", data, has_more: hasMore, url };
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function strip(obj: JsonObject, keep: string[] = []): JsonObject {
  for (const field of STORED_INCLUDABLES[String(obj.object)] ?? []) if (!keep.includes(field)) delete obj[field];
  return obj;
}

/** The object as an event carries it: unexpanded, without includable fields. */
export function snapshot(object: object): JsonObject {
  return strip(clone(object) as JsonObject);
}

/** A stored object (or list) as an API response with `expand` applied. */
export async function present(store: ObjectStore, object: object, expand: string[] = []): Promise<JsonObject> {
  const paths = expand.map((p) => p.split("."));
  if (paths.some((p) => p.length > MAX_DEPTH)) {
    throw invalidRequest(`You cannot expand more than ${MAX_DEPTH} levels of a property. Property: ${expand.find((p) => p.split(".").length > MAX_DEPTH)}`, "expand");
  }
  const out = clone(object) as JsonObject;
  // Like Stripe, a subscription shows its items' prices as they are now (a price that gave its
  // lookup_key to a newer one reads lookup_key: null), not as they were when it was created.
  if (out.object === "subscription") await refreshItemPrices(store, out);
  for (const path of paths) await expandPath(store, out, path, path.join("."));
  return stripDeep(out, expand);
}

async function expandPath(store: ObjectStore, node: JsonObject, path: string[], full: string): Promise<void> {
  const [key, ...rest] = path;
  const virtual = VIRTUAL_INCLUDABLES[String(node.object)]?.[key];
  if (virtual && node[key] === undefined) node[key] = (await virtual(store, node)) as unknown as JsonObject;
  const value = node[key];
  if (value === undefined) throw invalidRequest(`This property cannot be expanded (${full}).`, "expand");
  if (value === null) return;
  if (typeof value === "string") {
    const loaded = await store.findAny(value);
    if (!loaded) throw invalidRequest(`This property cannot be expanded (${full}).`, "expand");
    const expanded = clone(loaded) as unknown as JsonObject;
    node[key] = expanded;
    if (rest.length) await expandPath(store, expanded, rest, full);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      let item = value[i];
      if (typeof item === "string") {
        const loaded = await store.findAny(item);
        if (!loaded) throw invalidRequest(`This property cannot be expanded (${full}).`, "expand");
        item = clone(loaded) as unknown as JsonObject;
        value[i] = item;
      }
      if (rest.length && item && typeof item === "object" && !Array.isArray(item)) await expandPath(store, item, rest, full);
    }
    return;
  }
  if (typeof value === "object" && rest.length) await expandPath(store, value, rest, full);
}

/** Removes stored includables everywhere except where an expand path asked for them. */
function stripDeep(node: JsonObject, expand: string[], prefix = ""): JsonObject {
  const keep = expand.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length).split(".")[0]);
  strip(node, keep);
  for (const [key, value] of Object.entries(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === "object" && !Array.isArray(item)) stripDeep(item, expand, `${prefix}${key}.`);
    } else if (value && typeof value === "object") {
      stripDeep(value, expand, `${prefix}${key}.`);
    }
  }
  return node;
}

/** A list endpoint's response; `expand` paths start with `data.` as in Stripe. */
export async function presentList<T extends object>(store: ObjectStore, url: string, page: { data: T[]; hasMore: boolean }, expand: string[] = []): Promise<JsonObject> {
  return present(store, listOf(url, page.data, page.hasMore), expand);
}

async function refreshItemPrices(store: ObjectStore, subscription: JsonObject): Promise<void> {
  const items = (subscription.items as { data?: JsonObject[] } | undefined)?.data ?? [];
  for (const item of items) {
    const price = item.price as JsonObject | undefined;
    const current = price && typeof price.id === "string" ? await store.find("price", price.id) : null;
    if (current) item.price = clone(current) as unknown as JsonObject;
  }
}
