import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { MembershipReceiptEmail } from "@/lib/email/templates/membership-receipt";
import { PaymentFailedEmail } from "@/lib/email/templates/payment-failed";
import { getEnv } from "@/lib/env";
import { formatDate, formatMoney } from "@/lib/format";
import type { AfterCommit } from "./webhooks/handler";

async function emailOf(userId: string): Promise<string | null> {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return user?.email ?? null;
}

export function receiptEmail(userId: string, r: { planName: string; amountCents: number; currency: string; term: string; receiptUrl?: string | null }): AfterCommit {
  return async () => {
    const to = await emailOf(userId);
    if (!to) return;
    const amount = formatMoney(r.amountCents, r.currency.toUpperCase());
    await sendEmail({
      to,
      subject: r.amountCents > 0 ? `Receipt: ${r.planName} membership, ${amount}` : `Your ${r.planName} membership has started`,
      template: "membership-receipt",
      react: MembershipReceiptEmail({ planName: r.planName, amount, term: r.term, dashboardUrl: `${getEnv().APP_URL}/dashboard`, receiptUrl: r.receiptUrl ?? null }),
    });
  };
}

export function paymentFailedEmail(userId: string, r: { planName: string; amountCents: number; currency: string; nextAttempt: Date | null }): AfterCommit {
  return async () => {
    const to = await emailOf(userId);
    if (!to) return;
    await sendEmail({
      to,
      subject: `Action needed: we couldn't charge your card for ${r.planName}`,
      template: "payment-failed",
      react: PaymentFailedEmail({
        planName: r.planName,
        amount: formatMoney(r.amountCents, r.currency.toUpperCase()),
        manageUrl: `${getEnv().APP_URL}/dashboard`,
        nextAttempt: r.nextAttempt ? formatDate(r.nextAttempt) : null,
      }),
    });
  };
}

export function termOf(kind: "one_time" | "recurring", status: string, periodEnd: Date | null): string {
  if (kind === "one_time") return "Lifetime — never renews";
  if (!periodEnd) return "Recurring";
  return status === "trialing" ? `Free trial until ${formatDate(periodEnd)}` : `Renews on ${formatDate(periodEnd)}`;
}
