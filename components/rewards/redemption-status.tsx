import { Badge, type BadgeTone } from "@/components/ui/badge";

export type RedemptionStatusInput = {
  status: "pending" | "fulfilled" | "cancelled";
  kind: string;
  trackingNumber: string | null;
  checkedIn: boolean;
};

/** A redemption's state in words a member reads: pending → fulfilled / cancelled, shipped with its tracking number. */
export function redemptionStatusWords(r: RedemptionStatusInput): { label: string; tone: BadgeTone } {
  if (r.status === "cancelled") return { label: r.kind === "experience" ? "Cancelled — points returned" : "Cancelled", tone: "neutral" };
  if (r.trackingNumber) return { label: `Shipped — tracking number ${r.trackingNumber}`, tone: "success" };
  if (r.status === "pending") return { label: r.kind === "product" ? "Pending — we're preparing it" : "Pending", tone: "warning" };
  switch (r.kind) {
    case "experience":
      return { label: r.checkedIn ? "Checked in" : "Booked", tone: "success" };
    case "discount":
      return { label: "Code ready", tone: "success" };
    case "donation":
      return { label: "Donated", tone: "success" };
    case "product":
      return { label: "Shipped", tone: "success" };
    default:
      return { label: "Fulfilled", tone: "success" };
  }
}

export function RedemptionStatus(props: RedemptionStatusInput) {
  const { label, tone } = redemptionStatusWords(props);
  return (
    <Badge tone={tone} dot className="whitespace-normal">
      {label}
    </Badge>
  );
}
