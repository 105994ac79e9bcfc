import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import { getBrand } from "@/lib/brand/brand";
import type { Brand } from "@/lib/brand/schemas";

/*
 * The frame every email shares. It reads the program's brand (name, colour, support email) when
 * the message is rendered — react-email renders async components and waits for them — so a change
 * on /admin/settings/brand shows in the next email without any sender passing it along. Tests and
 * previews can pass `brand` to render without a database.
 */

type EmailBrand = Pick<Brand, "programName" | "primaryColor" | "supportEmail">;

async function brandOf(given: Partial<EmailBrand> = {}): Promise<EmailBrand> {
  const { programName, primaryColor, supportEmail } = given;
  if (programName !== undefined && primaryColor !== undefined && supportEmail !== undefined) return { programName, primaryColor, supportEmail };
  const stored = await getBrand();
  return {
    programName: programName ?? stored.programName,
    primaryColor: primaryColor ?? stored.primaryColor,
    supportEmail: supportEmail === undefined ? stored.supportEmail : supportEmail,
  };
}

export type EmailLayoutProps = {
  /** The inbox preview line; a function receives the program name. */
  preview: string | ((programName: string) => string);
  /** Overrides the stored brand's name (kept for callers that pass it). */
  programName?: string;
  brand?: Partial<EmailBrand>;
  children: ReactNode;
};

export async function EmailLayout({ preview, programName, brand: given, children }: EmailLayoutProps) {
  const brand = await brandOf({ ...given, ...(programName ? { programName } : {}) });
  return (
    <Html lang="en">
      <Head />
      <Preview>{typeof preview === "function" ? preview(brand.programName) : preview}</Preview>
      <Body style={{ backgroundColor: "#f6f7f6", fontFamily: "-apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, maxWidth: 520, padding: "32px 28px" }}>
          <Text style={{ color: brand.primaryColor, fontSize: 18, fontWeight: 700, margin: "0 0 16px" }}>{brand.programName}</Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#e5e7eb", margin: "28px 0 12px" }} />
          <Text style={{ color: "#6b7280", fontSize: 12, margin: 0 }}>
            You are receiving this because of your {brand.programName} membership.
            {brand.supportEmail ? (
              <>
                {" "}
                Questions? Write to{" "}
                <Link href={`mailto:${brand.supportEmail}`} style={{ color: "#4b5563", textDecoration: "underline" }}>
                  {brand.supportEmail}
                </Link>
                .
              </>
            ) : null}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

const buttonStyle: CSSProperties = { color: "#ffffff", borderRadius: 6, padding: "12px 20px", fontWeight: 600 };

/** The call to action, filled with the brand colour (checked for 4.5:1 against its white text when set). */
export async function EmailButton({ href, children, brand }: { href: string; children: ReactNode; brand?: Partial<EmailBrand> }) {
  const { primaryColor } = await brandOf(brand);
  return (
    <Button href={href} style={{ ...buttonStyle, backgroundColor: primaryColor }}>
      {children}
    </Button>
  );
}

/** The program's name inside a template's own text ("Sign in to Cairn"). */
export async function ProgramName({ brand }: { brand?: Partial<EmailBrand> }) {
  return <>{(await brandOf(brand)).programName}</>;
}
