import { describe, expect, it } from "vitest";
import { builtActions, proxyMatchers, routeHandlers } from "./support/build-surface";
import { ACTIONS, PROXY_MATCHERS, ROUTES } from "./surface";

/**
 * ASVS V4.1.3 (least privilege) starts with knowing the surface: every server action the build
 * ships and every route handler is classified in surface.ts, so a new one fails here until someone
 * decides who may call it — after which access-control.test.ts and fuzz.test.ts call it.
 */

describe("the attack surface is classified (surface.ts)", () => {
  const actions = builtActions();
  const routes = routeHandlers();

  it("finds the server actions in the build's manifest and the route handlers in app/", () => {
    expect(actions.length).toBeGreaterThan(40);
    expect(Object.keys(routes).length).toBeGreaterThan(10);
  });

  it("V4.1.3 every server action in the build has a guard in surface.ts", () => {
    const missing = actions.filter((a) => !ACTIONS[a.key]).map((a) => a.key);
    expect(missing, `classify these actions in tests/security/surface.ts (guard, input, required keys):\n${missing.join("\n")}`).toEqual([]);
  });

  it("every action in surface.ts still exists in the build", () => {
    const built = new Set(actions.map((a) => a.key));
    expect(Object.keys(ACTIONS).filter((key) => !built.has(key))).toEqual([]);
  });

  it("V4.1.3 every route handler method has a guard in surface.ts, and no entry is stale", () => {
    const found = Object.entries(routes).flatMap(([file, methods]) => methods.map((m) => `${m} ${file}`));
    const declared = Object.entries(ROUTES).flatMap(([file, methods]) => Object.keys(methods).map((m) => `${m} ${file}`));
    expect(found.filter((r) => !declared.includes(r)), "classify these route handlers in tests/security/surface.ts").toEqual([]);
    expect(declared.filter((r) => !found.includes(r)), "these surface.ts routes no longer exist").toEqual([]);
  });

  it("the proxy answers only the paths classified in surface.ts", () => {
    expect(proxyMatchers().sort()).toEqual(Object.keys(PROXY_MATCHERS).sort());
  });

  it("public and capability entries say why they are safe; only member actions may name no victim", () => {
    for (const [key, spec] of Object.entries(ACTIONS)) {
      if (spec.guard === "public" || spec.guard === "capability") expect(spec.why, key).toBeTruthy();
      if (spec.guard === "capability") expect(spec.probes?.length, `${key} needs probes that must be refused`).toBeGreaterThan(0);
      if (spec.guard === "member" && !spec.foreign) expect(spec.why, `${key}: say why it cannot reach another member's data`).toBeTruthy();
    }
    for (const [file, methods] of Object.entries(ROUTES)) {
      for (const [method, spec] of Object.entries(methods)) {
        if (spec.guard !== "public") expect(spec.probes.length, `${method} ${file} needs probes`).toBeGreaterThan(0);
        else expect(spec.why, `${method} ${file}`).toBeTruthy();
      }
    }
  });
});
