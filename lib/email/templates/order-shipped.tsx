import { Button, Text } from "@react-email/components";
import { EmailLayout } from "./email-layout";

export type OrderShippedProps = {
  name: string | null;
  rewardTitle: string;
  trackingNumber: string;
  /** One line, e.g. "12 Harbour Rd, Sausalito CA 94965, US"; null when none was given. */
  address: string | null;
  pointsUrl: string;
};

export function OrderShippedEmail({
  name = "Morgan",
  rewardTitle = "Insulated trail bottle",
  trackingNumber = "1Z999AA10123456784",
  address = "12 Harbour Rd, Sausalito CA 94965, US",
  pointsUrl = "http://localhost:3000/points",
}: Partial<OrderShippedProps>) {
  return (
    <EmailLayout preview={`On its way: ${rewardTitle}`}>
      <Text style={{ fontSize: 16, color: "#111827" }}>
        {name ? `${name}, your` : "Your"} <strong>{rewardTitle}</strong> is on its way.
      </Text>
      <Text style={{ fontSize: 15, color: "#111827" }}>
        Tracking number: <strong style={{ fontFamily: "monospace" }}>{trackingNumber}</strong>
        {address ? (
          <>
            <br />
            Shipping to: {address}
          </>
        ) : null}
      </Text>
      <Button href={pointsUrl} style={{ backgroundColor: "#166534", color: "#ffffff", borderRadius: 6, padding: "12px 20px", fontWeight: 600 }}>
        See your points
      </Button>
    </EmailLayout>
  );
}

export default OrderShippedEmail;
