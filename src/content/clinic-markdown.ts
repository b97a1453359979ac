import MarkdownIt from "markdown-it";
import { escapeHtml } from "./render-handout.ts";

/**
 * A clinic's own sections are the clinic's words, not code: Markdown with raw HTML shown as text, links only
 * to https, tel and mailto, and never a template. Pictures are dropped to their description here; the only
 * pictures a page shows are ours.
 */
const clinicMarkdown = new MarkdownIt("commonmark", { html: false, linkify: false, typographer: false });
const SAFE_LINK = /^(?:https:|tel:|mailto:)/i;
/** A picture names a file of the clinic's own folder by a plain relative path (checked and rebuilt when loaded). */
export const PICTURE_PATH = /^(?!\/)(?!.*:)[^\s?#]+\.(?:png|jpe?g|svg)$/i;
clinicMarkdown.validateLink = (url) => SAFE_LINK.test(url.trim()) || PICTURE_PATH.test(url.trim());

/** A picture as published: where, and its size in pixels. */
export interface PublishedPicture {
  /** From a handout page (<clinic>/<lang>/<id>.html), like ../pictures/3f2a9c1e.png. */
  href: string;
  width: number;
  height: number;
}

/** Render environment: the section's checked pictures, by the path written in it. */
interface RenderEnv {
  pictures?: ReadonlyMap<string, PublishedPicture>;
}

// Only a checked picture is shown; anything else keeps its description as text, so a page never fetches a file we did not make.
clinicMarkdown.renderer.rules.image = (tokens, index, _options, env) => {
  const token = tokens[index];
  const picture = (env as RenderEnv | undefined)?.pictures?.get(String(token?.attrGet("src") ?? ""));
  const alt = clinicMarkdown.utils.escapeHtml(token?.content ?? "");
  if (!picture) return alt;
  return `<img class="clinic-picture" src="${escapeHtml(String(picture.href))}" alt="${alt}" width="${picture.width}" height="${picture.height}">`;
};

// A link to a picture's path is no link: only https, tel and mailto addresses are.
const defaultLinkOpen =
  clinicMarkdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
clinicMarkdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const href = String(tokens[index]?.attrGet("href") ?? "");
  if (!SAFE_LINK.test(href)) tokens[index]?.attrSet("href", "#");
  return defaultLinkOpen(tokens, index, options, env, self);
};

/** The paths of the pictures a section shows, as written. */
export function picturesIn(source: string): { src: string; alt: string }[] {
  const found: { src: string; alt: string }[] = [];
  const visit = (tokens: ReturnType<typeof clinicMarkdown.parse>) => {
    for (const token of tokens) {
      if (token.type === "image") found.push({ src: String(token.attrGet("src") ?? ""), alt: token.content });
      if (token.children) visit(token.children);
    }
  };
  visit(clinicMarkdown.parse(source, {}));
  return found;
}

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
export function renderClinicMarkdown(source: string, pictures: ReadonlyMap<string, PublishedPicture> = new Map()): string {
  return clinicMarkdown.render(source, { pictures } satisfies RenderEnv).trim();
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
