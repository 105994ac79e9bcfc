import { Text } from "@react-email/components";
import { EmailButton, EmailLayout } from "./email-layout";

export type RedemptionConfirmedProps = {
  name: string | null;
  rewardTitle: string;
  /** Formatted at the edge, e.g. "1,000 points". */
  points: string;
  /** Discount rewards: the code to use at checkout. */
  code: string | null;
  /** Bookings: when and where, already formatted in the session's time zone, and the ticket code. */
  booking: { when: string; where: string | null; ticketCode: string } | null;
  /** Products: the address it ships to, one line. */
  shipsTo: string | null;
  /** The redemption's page (the ticket, for bookings). */
  detailsUrl: string;
};

export function RedemptionConfirmedEmail({
  name = "Morgan",
  rewardTitle = "Sunrise kayak tour",
  points = "800 points",
  code = null,
  booking = { when: "Sat, Nov 28, 2026, 6:00 AM – 9:00 AM PST", where: "Harbor boathouse, Dock 3", ticketCode: "7KQ2MZ4P" },
  shipsTo = null,
  detailsUrl = "http://localhost:3000/redemptions/00000000-0000-0000-0000-000000000000",
}: Partial<RedemptionConfirmedProps>) {
  const headline = booking ? `You're booked: ${rewardTitle}` : `You redeemed ${rewardTitle}`;
  return (
    <EmailLayout preview={headline}>
      <Text style={{ fontSize: 16, color: "#111827" }}>
        {name ? `${name}, ` : ""}
        {booking ? "you're booked on " : "you redeemed "}
        <strong>{rewardTitle}</strong> for {points}.
      </Text>
      {code ? (
        <Text style={{ fontSize: 15, color: "#111827" }}>
          Your code: <strong style={{ fontFamily: "ui-monospace, Menlo, monospace", fontSize: 18 }}>{code}</strong>
          <br />
          Enter it at checkout.
        </Text>
      ) : null}
      {booking ? (
        <Text style={{ fontSize: 15, color: "#111827" }}>
          <strong>When:</strong> {booking.when}
          {booking.where ? (
            <>
              <br />
              <strong>Where:</strong> {booking.where}
            </>
          ) : null}
          <br />
          <strong>Ticket:</strong> <span style={{ fontFamily: "ui-monospace, Menlo, monospace" }}>{booking.ticketCode}</span>
          <br />
          The calendar file attached adds it to your calendar.
        </Text>
      ) : null}
      {shipsTo ? <Text style={{ fontSize: 15, color: "#111827" }}>We&apos;ll ship it to {shipsTo} and email you the tracking number.</Text> : null}
      <EmailButton href={detailsUrl}>
        {booking ? "See your ticket" : "See your redemption"}
      </EmailButton>
    </EmailLayout>
  );
}

export default RedemptionConfirmedEmail;
