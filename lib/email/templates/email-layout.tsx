import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export function EmailLayout({ preview, programName = "Cairn", children }: { preview: string; programName?: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f6f7f6", fontFamily: "-apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, maxWidth: 520, padding: "32px 28px" }}>
          <Text style={{ color: "#14532d", fontSize: 18, fontWeight: 700, margin: "0 0 16px" }}>{programName}</Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#e5e7eb", margin: "28px 0 12px" }} />
          <Text style={{ color: "#6b7280", fontSize: 12, margin: 0 }}>You are receiving this because of your {programName} membership.</Text>
        </Container>
      </Body>
    </Html>
  );
}
