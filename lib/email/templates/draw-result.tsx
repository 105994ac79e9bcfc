import { Text } from "@react-email/components";
import { EmailButton, EmailLayout } from "./email-layout";

export type DrawResultProps = {
  name: string | null;
  result: "won" | "lost" | "skipped";
  rewardTitle: string;
  /** Formatted at the edge, in the session's time zone. */
  when: string;
  location: string | null;
  /** Formatted, e.g. "1,200 points". */
  cost: string;
  /** Winners only. */
  ticketCode: string | null;
  /** The published seed: with the entry list, anyone can re-run the draw. */
  seed: string;
  entries: number;
  rewardsUrl: string;
};

const text = { fontSize: 15, color: "#111827" } as const;

export function DrawResultEmail({
  name = "Morgan",
  result = "won",
  rewardTitle = "Sunrise kayak tour",
  when = "Sat, Jun 14, 2025, 6:00 AM (America/Los_Angeles)",
  location = "Sausalito harbour",
  cost = "1,200 points",
  ticketCode = "7KQ4XM2P",
  seed = "3f9a0c1e5b7d2468ace013579bdf02468ace013579bdf02468ace013579bdf0",
  entries = 48,
  rewardsUrl = "http://localhost:3000/rewards",
}: Partial<DrawResultProps>) {
  const hello = name ? `${name}, ` : "";
  return (
    <EmailLayout preview={result === "won" ? `You won a place: ${rewardTitle}` : `Draw results: ${rewardTitle}`}>
      {result === "won" ? (
        <>
          <Text style={{ fontSize: 16, color: "#111827" }}>
            {hello}you won a place at <strong>{rewardTitle}</strong>!
          </Text>
          <Text style={text}>
            {when}
            {location ? (
              <>
                <br />
                {location}
              </>
            ) : null}
          </Text>
          <Text style={text}>
            We took {cost} from your balance. Your ticket code is <strong style={{ fontFamily: "monospace", fontSize: 18, letterSpacing: 2 }}>{ticketCode}</strong> — show it at the door.
          </Text>
        </>
      ) : result === "skipped" ? (
        <Text style={{ fontSize: 16, color: "#111827" }}>
          {hello}you were drawn for <strong>{rewardTitle}</strong>, but your balance no longer covered the {cost} it costs, so the place went to the next entrant. Nothing was taken from your balance.
        </Text>
      ) : (
        <Text style={{ fontSize: 16, color: "#111827" }}>
          {hello}the draw for <strong>{rewardTitle}</strong> ({when}) has run, and you weren&apos;t drawn this time. Nothing was taken from your balance.
        </Text>
      )}
      <Text style={{ fontSize: 13, color: "#4b5563" }}>
        The draw was fair and can be checked: {entries} {entries === 1 ? "entry" : "entries"}, ordered by entry number, shuffled by Fisher–Yates driven by SHA-256 of the published seed{" "}
        <span style={{ fontFamily: "monospace", wordBreak: "break-all" }}>{seed}</span>.
      </Text>
      <EmailButton href={rewardsUrl}>
        See rewards
      </EmailButton>
    </EmailLayout>
  );
}

export default DrawResultEmail;
