import path from "node:path";
import { displayPath } from "./load-clinics.ts";

/** Names reserved for examples and tests (RFC 2606, RFC 6761): a handout's QR code must never lead there. */
const RESERVED_HOST = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$|^localhost$|^127(?:\.\d+){3}$|^\[::1\]$/i;

/**
 * A warning when the site's address in `<dataDir>/site.json` is a placeholder: printed handouts would carry
 * a QR code and a web address that lead nowhere. Undefined when the address is real, or not set.
 */
export function reservedSiteUrlWarning(dataDir: string, url: string | undefined): string | undefined {
  if (url === undefined || !RESERVED_HOST.test(new URL(url).hostname)) return undefined;
  return `${displayPath(path.join(dataDir, "site.json"))}: url: ${url} is an example address, so the QR code and web address on every printed handout lead nowhere; set the address the site is published at, or delete the file to print handouts without them`;
}
