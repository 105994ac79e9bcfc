import { describe, expect, it } from "vitest";
import { invalidRequest, isStripeEmulatorError, resourceMissing } from "./errors";

describe("isStripeEmulatorError", () => {
  it("recognises the emulator's errors, also when their class comes from another bundle", () => {
    expect(isStripeEmulatorError(resourceMissing("customer", "cus_1"))).toBe(true);
    expect(isStripeEmulatorError(invalidRequest("This subscription does not belong to the portal session's customer."))).toBe(true);
    // What the embedded server's emulator throws into an action: same name and shape, another class object.
    const copy = Object.assign(new Error("No such billing_portal.session: 'bps_1'"), { name: "StripeEmulatorError", status: 404, body: { type: "invalid_request_error", message: "No such billing_portal.session: 'bps_1'" } });
    expect(isStripeEmulatorError(copy)).toBe(true);
  });

  it("leaves every other error alone", () => {
    expect(isStripeEmulatorError(new Error("boom"))).toBe(false);
    expect(isStripeEmulatorError(Object.assign(new Error("x"), { name: "StripeEmulatorError" }))).toBe(false);
    expect(isStripeEmulatorError({ name: "StripeEmulatorError", status: 404, body: { message: "x" } })).toBe(false);
    expect(isStripeEmulatorError(null)).toBe(false);
  });
});
