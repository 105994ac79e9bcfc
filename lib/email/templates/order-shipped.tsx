import { Text } from "@react-email/components";
import { EmailButton, EmailLayout } from "./email-layout";

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
      <EmailButton href={pointsUrl}>
        See your points
      </EmailButton>
    </EmailLayout>
  );
}

export default OrderShippedEmail;
