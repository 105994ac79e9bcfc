import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { EmailStatus, StripeEventStatus } from "@/lib/operations/schemas";

const eventTones: Record<StripeEventStatus, BadgeTone> = { processed: "success", ignored: "neutral", failed: "danger" };
const eventLabels: Record<StripeEventStatus, string> = { processed: "Processed", ignored: "Ignored", failed: "Failed" };

export function EventStatusBadge({ status }: { status: StripeEventStatus }) {
  return (
    <Badge tone={eventTones[status]} dot>
      {eventLabels[status]}
    </Badge>
  );
}

const emailTones: Record<EmailStatus, BadgeTone> = { sent: "success", outbox: "neutral", queued: "warning", failed: "danger" };
const emailLabels: Record<EmailStatus, string> = { sent: "Sent", outbox: "In the dev mailbox", queued: "Queued", failed: "Failed" };

export function EmailStatusBadge({ status }: { status: EmailStatus }) {
  return (
    <Badge tone={emailTones[status]} dot>
      {emailLabels[status]}
    </Badge>
  );
}

export const EMAIL_STATUS_LABELS = emailLabels;
export const EVENT_STATUS_LABELS = eventLabels;
