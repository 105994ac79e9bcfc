import disposableDomains from "disposable-email-domains";

/**
 * One mailbox behind many spellings: lower-case, "+tag" dropped, and for Gmail the dots ignored
 * and googlemail.com folded into gmail.com. Self-referral checks compare these.
 */
export function canonicalEmail(email: string): string {
  const [rawLocal, rawDomain = ""] = email.trim().toLowerCase().split(/@(?=[^@]*$)/);
  let domain = rawDomain;
  let local = rawLocal.split("+")[0];
  if (domain === "googlemail.com") domain = "gmail.com";
  if (domain === "gmail.com") local = local.replace(/\./g, "");
  return `${local}@${domain}`;
}

const DISPOSABLE = new Set<string>(disposableDomains as string[]);

/** A throwaway-mailbox domain (or a subdomain of one), from the maintained disposable-email-domains list. */
export function isDisposableEmail(email: string): boolean {
  const domain = email.trim().toLowerCase().split("@").at(-1) ?? "";
  const parts = domain.split(".");
  for (let i = 0; i < parts.length - 1; i++) if (DISPOSABLE.has(parts.slice(i).join("."))) return true;
  return false;
}
