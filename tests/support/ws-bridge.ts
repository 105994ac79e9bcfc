import net from "node:net";
import type { AddressInfo } from "node:net";
import { neonConfig } from "@neondatabase/serverless";
import ws, { WebSocketServer } from "ws";

/**
 * A local stand-in for Neon's WebSocket proxy: each WebSocket connection opens a TCP connection to
 * the Postgres named by its `?address=host:port` and pipes bytes both ways. With it the production
 * Neon serverless Pool runs against the test server (DESIGN "Tests, in tiers").
 */

export type WsBridge = {
  port: number;
  /** Connections open now, and accepted since the start. */
  stats: () => { open: number; total: number };
  close: () => Promise<void>;
};

// Only this machine: the bridge must not become a way to reach other hosts.
const LOCAL_TARGETS = new Set(["localhost", "127.0.0.1", "::1"]);

function parseAddress(address: string | null): { host: string; port: number } | undefined {
  const match = address?.match(/^\[?([^\]]+?)\]?:(\d+)$/);
  if (!match) return undefined;
  return { host: match[1], port: Number(match[2]) };
}

export async function startWsBridge(): Promise<WsBridge> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  let open = 0;
  let total = 0;

  server.on("connection", (socket, request) => {
    const target = parseAddress(new URL(request.url ?? "/", "http://bridge").searchParams.get("address"));
    if (!target || !LOCAL_TARGETS.has(target.host)) {
      socket.close(1008, "address must be a local host:port");
      return;
    }
    open++;
    total++;
    const tcp = net.connect(target);
    let closed = false;
    const closeBoth = () => {
      if (closed) return;
      closed = true;
      open--;
      tcp.destroy();
      if (socket.readyState === ws.OPEN || socket.readyState === ws.CONNECTING) socket.close();
    };
    // net buffers writes made before the TCP connection is up, so nothing is lost at the start.
    socket.on("message", (data: Buffer) => tcp.write(data));
    tcp.on("data", (chunk) => socket.send(chunk, { binary: true }));
    socket.on("close", closeBoth);
    socket.on("error", closeBoth);
    tcp.on("close", closeBoth);
    tcp.on("error", closeBoth);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    stats: () => ({ open, total }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

/**
 * Points the Neon driver at a bridge: plain ws:// to the bridge, no TLS inside the Postgres
 * protocol, and no pipelined password start-up (the test server uses trust authentication).
 * Returns a function restoring the previous settings.
 */
export function useNeonThroughBridge(bridge: Pick<WsBridge, "port">): () => void {
  const keys = ["wsProxy", "useSecureWebSocket", "pipelineTLS", "pipelineConnect", "webSocketConstructor"] as const;
  const previous = Object.fromEntries(keys.map((k) => [k, neonConfig[k]]));
  neonConfig.wsProxy = (host, port) => `127.0.0.1:${bridge.port}/v2?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  // Node 20 has no global WebSocket client.
  neonConfig.webSocketConstructor = ws;
  return () => Object.assign(neonConfig, previous);
}
