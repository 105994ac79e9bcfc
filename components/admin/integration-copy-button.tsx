"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

type Props = { text: string; label?: string; className?: string };

/** Copies `text`; the result is announced, since the button's look alone does not tell a screen reader. */
export function IntegrationCopyButton({ text, label = "Copy", className }: Props) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2500);
  }
  return (
    <Button type="button" variant="secondary" size="sm" onClick={copy} className={className}>
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Select and copy by hand" : label}</span>
    </Button>
  );
}
