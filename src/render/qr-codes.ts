import QRCode from "qrcode";
import type { HandoutPage } from "./site-data.ts";

/**
 * The QR code of every handout page's published address, as inline SVG (nothing for the printer to
 * fetch), made before rendering so the templates only look them up.
 */
export async function qrCodesFor(pages: readonly HandoutPage[]): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  for (const { onlineUrl } of pages) {
    if (onlineUrl && !codes.has(onlineUrl))
      codes.set(onlineUrl, await QRCode.toString(onlineUrl, { type: "svg", margin: 0, errorCorrectionLevel: "M" }));
  }
  return codes;
}
