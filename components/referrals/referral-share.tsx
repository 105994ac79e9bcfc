"use client";

import { useRef, useState, useSyncExternalStore } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** `message`: the text shared with the link, offer included (lib/referrals/offer.ts shareMessage). */
type Props = { url: string; message: string; programName: string };

const noop = () => () => {};
/** navigator.share exists only in some browsers, and never on the server: ask after hydration. */
function useCanShare(): boolean {
  return useSyncExternalStore(
    noop,
    () => typeof navigator !== "undefined" && typeof navigator.share === "function",
    () => false,
  );
}

/** The member's link, a copy button and share targets. */
export function ReferralShare({ url, message, programName }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "manual">("idle");
  const canShare = useCanShare();

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(url);
      setCopy("copied");
      setTimeout(() => setCopy("idle"), 2500);
    } catch {
      // No clipboard permission (or an old browser): select the text so the person can copy it.
      input.current?.focus();
      input.current?.select();
      setCopy("manual");
    }
  }

  async function shareNative() {
    try {
      await navigator.share({ title: `Join me on ${programName}`, text: message, url });
    } catch {
      // The person closed the sheet; nothing to do.
    }
  }

  const encoded = encodeURIComponent(message);
  const targets = [
    { label: "Email", href: `mailto:?subject=${encodeURIComponent(`Join me on ${programName}`)}&body=${encoded}` },
    { label: "WhatsApp", href: `https://wa.me/?text=${encoded}` },
    { label: "X", href: `https://x.com/intent/post?text=${encoded}` },
  ];

  return (
    <div className="space-y-4">
      <div className="space-y-1.5">
        <Label htmlFor="referral-link">Your referral link</Label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input
            ref={input}
            id="referral-link"
            readOnly
            value={url}
            onFocus={(event) => event.currentTarget.select()}
            className="font-mono"
            aria-describedby="referral-copy-status"
          />
          <Button type="button" variant="primary" onClick={copyLink}>
            {copy === "copied" ? "Copied" : "Copy link"}
          </Button>
        </div>
        <p id="referral-copy-status" aria-live="polite" className="min-h-5 text-sm text-neutral-600">
          {copy === "copied" ? "Copied to your clipboard." : copy === "manual" ? "The link is selected — press Ctrl+C (or ⌘C) to copy it." : ""}
        </p>
      </div>
      <div>
        <p className="text-sm font-medium text-neutral-900" id="share-heading">
          Share it
        </p>
        <ul className="mt-2 flex flex-wrap gap-2" aria-labelledby="share-heading">
          {canShare ? (
            <li>
              <Button type="button" variant="secondary" size="sm" onClick={shareNative}>
                Share…
              </Button>
            </li>
          ) : null}
          {targets.map((target) => (
            <li key={target.label}>
              <a
                href={target.href}
                className={buttonClasses("secondary", "sm")}
                {...(target.href.startsWith("https:") ? { target: "_blank", rel: "noopener noreferrer" } : {})}
              >
                {target.label === "Email" ? "Share by email" : `Share on ${target.label}`}
                {target.href.startsWith("https:") ? <span className="sr-only"> (opens in a new tab)</span> : null}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
