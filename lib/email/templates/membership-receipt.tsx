import { Text } from "@react-email/components";
import { EmailButton, EmailLayout } from "./email-layout";

export type MembershipReceiptProps = {
  planName: string;
  /** Formatted at the edge, e.g. "$30.00". */
  amount: string;
  /** "Lifetime — never renews", "Renews on Dec 22, 2026", "Free trial until Dec 22, 2026". */
  term: string;
  dashboardUrl: string;
  receiptUrl?: string | null;
};

export function MembershipReceiptEmail({
  planName = "Lifetime",
  amount = "$30.00",
  term = "Lifetime — never renews",
  dashboardUrl = "http://localhost:3000/dashboard",
  receiptUrl = null,
}: Partial<MembershipReceiptProps>) {
  return (
    <EmailLayout preview={`Your ${planName} membership — ${amount}`}>
      <Text style={{ fontSize: 16, color: "#111827" }}>Thank you — your {planName} membership is active.</Text>
      <Text style={{ fontSize: 15, color: "#111827", margin: "4px 0" }}>
        <strong>Paid:</strong> {amount}
      </Text>
      <Text style={{ fontSize: 15, color: "#111827", margin: "4px 0 20px" }}>
        <strong>Term:</strong> {term}
      </Text>
      <EmailButton href={dashboardUrl}>
        Go to your dashboard
      </EmailButton>
      {receiptUrl ? <Text style={{ fontSize: 13, color: "#4b5563", marginTop: 20 }}>Stripe receipt: {receiptUrl}</Text> : null}
    </EmailLayout>
  );
}

export default MembershipReceiptEmail;
