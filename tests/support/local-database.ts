/**
 * Tests truncate, drop and recreate databases; they must never reach a shared or production one
 * (STYLE rule 12). A URL passes only when it points at this machine: a loopback host or a unix socket.
 */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export function isLocalDatabaseUrl(url: string): boolean {
  if (!/^postgres(ql)?:\/\//.test(url)) return false;
  // WHATWG URL refuses credentials without a host (postgresql://user@/db?host=/socket): stand one in.
  const parsed = parse(url) ?? parse(url.replace(/@(?=[/?#]|$)/, "@socket.invalid"));
  if (!parsed) return false;
  const hostname = parsed.hostname === "socket.invalid" ? "" : parsed.hostname;
  // libpq-style ?host= overrides the authority; a socket directory is an absolute path.
  const hostParam = parsed.searchParams.get("host");
  if (hostParam !== null) return hostParam.startsWith("/") || LOCAL_HOSTS.has(hostParam);
  // No host at all means the default unix socket.
  return hostname === "" || LOCAL_HOSTS.has(hostname);
}

export function assertLocalDatabaseUrl(url: string): void {
  if (!isLocalDatabaseUrl(url)) {
    const redacted = url.replace(/\/\/[^@/]*@/, "//***@");
    throw new Error(`Refusing to run tests against a non-local database (${redacted}): tests drop and truncate data.`);
  }
}
