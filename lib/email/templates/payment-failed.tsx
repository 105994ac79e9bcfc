import { Text } from "@react-email/components";
import { EmailButton, EmailLayout } from "./email-layout";

export type PaymentFailedProps = { planName: string; amount: string; manageUrl: string; nextAttempt: string | null };

export function PaymentFailedEmail({
  planName = "Plus monthly",
  amount = "$9.00",
  manageUrl = "http://localhost:3000/dashboard",
  nextAttempt = "Nov 25, 2026",
}: Partial<PaymentFailedProps>) {
  return (
    <EmailLayout preview={`We couldn't charge your card for ${planName}`}>
      <Text style={{ fontSize: 16, color: "#111827" }}>We couldn&apos;t take the {amount} payment for your {planName} membership.</Text>
      <Text style={{ fontSize: 15, color: "#111827" }}>
        Your benefits continue for now. {nextAttempt ? `We'll try again on ${nextAttempt}. ` : ""}Update your card to keep your membership.
      </Text>
      <EmailButton href={manageUrl}>
        Update your card
      </EmailButton>
    </EmailLayout>
  );
}

export default PaymentFailedEmail;
