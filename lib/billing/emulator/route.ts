import type { FormObject } from "./form";
import { ObjectStore } from "./store";
import { runWork, type Core, type RequestInfo, type Work } from "./work";

/** What a handler gets: parsed parameters, path parameters, and ways to read or write state. */
export class RouteContext {
  readonly store: ObjectStore;

  constructor(
    readonly core: Core,
    readonly params: FormObject,
    readonly path: Record<string, string>,
    readonly request: RequestInfo,
  ) {
    this.store = new ObjectStore(core.db);
  }

  /** Runs a change in one transaction, with this request's id on the events it emits. */
  write<T>(fn: (work: Work) => Promise<T>): Promise<T> {
    return runWork(this.core, fn, { request: this.request });
  }
}

export type Route = {
  method: "GET" | "POST" | "DELETE";
  /** `/v1/customers/:id` */
  path: string;
  handler: (ctx: RouteContext) => Promise<object>;
};
