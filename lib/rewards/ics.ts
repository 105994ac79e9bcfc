import "server-only";
import { createEvent } from "ics";

export type BookingEvent = {
  /** The ticket id: a re-sent invitation updates the same calendar entry instead of adding one. */
  ticketId: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  url: string;
};

/** An iCalendar (.ics) file for a booking; times are written in UTC so every calendar agrees. */
export function bookingCalendar(event: BookingEvent): string {
  const { error, value } = createEvent({
    uid: event.ticketId,
    productId: "cairn/rewards",
    method: "PUBLISH",
    title: event.title,
    description: event.description,
    start: event.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: event.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    ...(event.location ? { location: event.location } : {}),
    url: event.url,
    status: "CONFIRMED",
  });
  if (error || !value) throw new Error(`Could not build the calendar file: ${error?.message ?? "no output"}`);
  return value;
}
