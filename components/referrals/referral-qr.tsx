import QRCode from "qrcode";

/**
 * The referral link as a QR code for in-store sharing, rendered on the server to inline SVG.
 * The SVG itself carries role="img" and its accessible name.
 */
export async function ReferralQr({ url, className }: { url: string; className?: string }) {
  const svg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  const label = "QR code for your referral link";
  // The markup comes from the qrcode library; the label is our own constant text.
  const accessible = svg.replace("<svg ", `<svg role="img" aria-label="${label}" `).replace(/(<svg[^>]*>)/, `$1<title>${label}</title>`);
  return <div className={className ?? "size-48 [&_svg]:size-full"} dangerouslySetInnerHTML={{ __html: accessible }} />;
}
