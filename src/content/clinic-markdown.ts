import MarkdownIt from "markdown-it";
import { escapeHtml } from "./render-handout.ts";

/**
 * A clinic's own sections are the clinic's words, not code: Markdown with raw HTML shown as text, links only
 * to https, tel and mailto, and never a template. Pictures are dropped to their description here; the only
 * pictures a page shows are ours.
 */
const clinicMarkdown = new MarkdownIt("commonmark", { html: false, linkify: false, typographer: false });
clinicMarkdown.renderer.rules.image = (tokens, index) => clinicMarkdown.utils.escapeHtml(tokens[index]?.content ?? "");
clinicMarkdown.validateLink = (url) => /^(?:https:|tel:|mailto:)/i.test(url.trim());

/** What a clinic section may name, and how each is written into the page. */
export interface PlaceholderValues {
  name: string;
  /** Already HTML: a tap-to-call link. */
  phoneLink: string;
  afterHoursPhoneLink: string | null;
  address: string | null;
  email: string | null;
  website: string | null;
  hours: string | null;
}

/** The placeholders clinic sections may use, by the name written between the braces. */
export const PLACEHOLDERS = ["name", "phone", "afterHoursPhone", "address", "email", "website", "hours"] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*clinic\.([A-Za-z]+)\s*\}\}/g;
const isPlaceholder = (name: string): name is PlaceholderName => (PLACEHOLDERS as readonly string[]).includes(name);

/** The placeholders a section's text uses, to check that the clinic file has a value for each. */
export function placeholdersIn(source: string): PlaceholderName[] {
  return [...new Set([...source.matchAll(PLACEHOLDER)].map((match) => match[1] as string).filter(isPlaceholder))];
}

/** The clinic's value for a placeholder as HTML, or undefined when the clinic file has none. */
function placeholderHtml(name: PlaceholderName, values: PlaceholderValues): string | undefined {
  switch (name) {
    case "name":
      return escapeHtml(values.name);
    case "phone":
      return values.phoneLink;
    case "afterHoursPhone":
      return values.afterHoursPhoneLink ?? undefined;
    case "email":
      return values.email === null ? undefined : `<a href="mailto:${escapeHtml(values.email)}">${escapeHtml(values.email)}</a>`;
    case "website":
      return values.website === null
        ? undefined
        : `<a href="${escapeHtml(values.website)}">${escapeHtml(values.website.replace(/^https:\/\//i, "").replace(/\/$/, ""))}</a>`;
    default:
      return values[name] === null ? undefined : escapeHtml(values[name]);
  }
}

/** The section's Markdown as HTML, for the structure only: placeholders are still as written (see fillPlaceholderText). */
export function renderClinicMarkdown(source: string): string {
  return clinicMarkdown.render(source).trim();
}

/**
 * Put the clinic's values in place of the documented placeholders, by plain substitution in the text between
 * tags (never inside a link's address). Anything else in braces, such as `{{ 7*191 }}`, stays as written.
 */
export function fillPlaceholderText(html: string, values: PlaceholderValues): string {
  return html
    .split(/(<[^>]*>)/)
    .map((part) =>
      part.startsWith("<")
        ? part
        : part.replace(PLACEHOLDER, (whole, name: string) => (isPlaceholder(name) ? (placeholderHtml(name, values) ?? whole) : whole)),
    )
    .join("");
}
