/**
 * Polls `check` until it returns true. The limit is a safety net for a broken run, never an
 * assertion about speed: other test runs share this machine.
 */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, { everyMs = 20, limitMs = 120_000 } = {}): Promise<void> {
  const until = Date.now() + limitMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // the thing polled may be down for a moment (that is what these tests do)
    }
    if (Date.now() > until) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
