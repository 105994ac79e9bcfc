"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies a code to the clipboard and says so (politely, for screen readers). */
export function CopyButton({ value, label = "Copy code" }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      setCopied(false); // no clipboard (insecure context): the code stays on screen to select
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button type="button" variant="secondary" size="sm" onClick={copy}>
        {label}
      </Button>
      <span role="status" className="text-sm text-success-800">
        {copied ? "Copied" : ""}
      </span>
    </span>
  );
}
