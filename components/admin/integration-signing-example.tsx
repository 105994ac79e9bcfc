import { IntegrationCopyButton } from "./integration-copy-button";

type Props = { appUrl: string };

function CodeBlock({ title, code }: { title: string; code: string }) {
  const titleId = `signing-example-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <figure className="space-y-2">
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-sm font-medium text-neutral-900">
        <span id={titleId}>{title}</span>
        <IntegrationCopyButton text={code} label={`Copy ${title.toLowerCase()}`} />
      </figcaption>
      {/* Long lines scroll inside the block: focusable (a named region) so a keyboard can scroll it too. */}
      <pre tabIndex={0} role="region" aria-labelledby={titleId} className="overflow-x-auto rounded-lg bg-neutral-900 p-4 text-xs leading-relaxed text-neutral-100">
        <code>{code}</code>
      </pre>
    </figure>
  );
}

/** How a shop signs a request, with examples to copy (the full contract: docs/order-api.md). */
export function IntegrationSigningExample({ appUrl }: Props) {
  const headers = `Cairn-Integration: <integration id>
Cairn-Timestamp: <Unix time in seconds>
Cairn-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed with the secret>`;

  const node = `import { createHmac } from "node:crypto";

const body = JSON.stringify({
  externalId: "1001",
  email: "ada@example.com",
  currency: "USD",
  totalCents: 12900,
  qualifyingCents: 11900,
  placedAt: new Date().toISOString(),
});
const timestamp = Math.floor(Date.now() / 1000);
const signature = createHmac("sha256", process.env.CAIRN_SECRET)
  .update(\`\${timestamp}.\${body}\`)
  .digest("hex");

const response = await fetch("${appUrl}/api/v1/orders", {
  method: "POST",
  headers: {
    "Content-Type": "application/json",
    "Cairn-Integration": process.env.CAIRN_INTEGRATION_ID,
    "Cairn-Timestamp": String(timestamp),
    "Cairn-Signature": \`v1=\${signature}\`,
  },
  body, // exactly the string that was signed
});
console.log(response.status, await response.json());`;

  const curl = `BODY='{"externalId":"1001","email":"ada@example.com","currency":"USD","totalCents":12900,"qualifyingCents":11900,"placedAt":"2026-05-01T14:30:00Z"}'
TS=$(date +%s)
SIG=$(printf '%s' "$TS.$BODY" | openssl dgst -sha256 -hmac "$CAIRN_SECRET" | sed 's/^.* //')
curl -sS -X POST "${appUrl}/api/v1/orders" \\
  -H "Content-Type: application/json" \\
  -H "Cairn-Integration: $CAIRN_INTEGRATION_ID" \\
  -H "Cairn-Timestamp: $TS" \\
  -H "Cairn-Signature: v1=$SIG" \\
  --data-raw "$BODY"`;

  return (
    <div className="space-y-5 text-sm break-words text-neutral-700">
      <p>
        Each request is signed with the integration&apos;s secret. Cairn refuses (401) a request whose signature does not match, whose
        timestamp is more than 5 minutes from ours, or whose integration was revoked. Sending the same <code>externalId</code> again is safe:
        the answer is <code>200</code> with <code>&quot;status&quot;: &quot;duplicate&quot;</code> and no points are added.
      </p>
      <CodeBlock title="Headers" code={headers} />
      <CodeBlock title="Node example" code={node} />
      <CodeBlock title="curl example" code={curl} />
      <p>
        Refunds: <code>{"POST /api/v1/orders/{externalId}/refunds"}</code> with <code>{"{ refundId, amountCents }"}</code>.
        Reviews and shares: <code>POST /api/v1/events</code> with <code>{"{ externalId, email, type }"}</code>. Both are signed the
        same way; the full contract is in <code>docs/order-api.md</code>.
      </p>
    </div>
  );
}
