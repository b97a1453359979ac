import { createHash } from "node:crypto";
import type nunjucks from "nunjucks";
import type { Clinic } from "../clinics/load-clinics.ts";
import { NOTE_NAMES, type LocalizedText, type NoteName } from "../clinics/schema.ts";
import { LibraryError } from "../errors.ts";
import { outputPaths, relativeHref } from "../paths.ts";
import { renderNote } from "./clinic-notes.ts";
import { ILLUSTRATIONS, isIconName, isIllustrationName } from "./icons.ts";
import type { UiStrings } from "./language-pack.ts";
import { libraryFor, type Library, type Section, type Source } from "./library.ts";
import { handoutReview, type HandoutReview } from "./review-dates.ts";
import { trustedHtml } from "./section-template.ts";

export interface RenderedSection {
  id: string;
  title: string;
  kind?: Section["kind"];
  html: string;
  /** Set when the section is in another language than the page (a clinic's section written in English only). */
  lang?: string;
  /** A clinic's own section: its file, which messages (reading grade) name. */
  file?: string;
}

/** One handout for one clinic in one language, ready for the page layout. */
export interface HandoutDocument extends HandoutReview {
  title: string;
  contact: ContactLine[];
  summary: string;
  sections: RenderedSection[];
  sources: Source[];
  /** A short hash of every word the patient reads, printed on the handout: two copies with the same version say the same. */
  contentVersion: string;
}

/** A line of the clinic's contact block; `lang` is set when the text is in another language. */
export interface ContactLine {
  label: string;
  text: string;
  href?: string;
  lang?: string;
  /** Numbers and addresses read left to right even on a right-to-left page; free text takes its own direction. */
  dir: "ltr" | "auto";
}

/** Text in the wanted language, or in English marked as such when the clinic gave no translation. */
export function localize(value: LocalizedText, lang: string): { text: string; lang: string } | undefined {
  if (typeof value === "string") return { text: value, lang };
  const text = value[lang] ?? value.en;
  if (text === undefined) return undefined;
  return { text, lang: value[lang] === undefined ? "en" : lang };
}

const KEYPAD: Record<string, string> = Object.fromEntries(
  ["abc", "def", "ghi", "jkl", "mno", "pqrs", "tuv", "wxyz"].flatMap((letters, index) =>
    [...letters].map((letter) => [letter, String(index + 2)]),
  ),
);

/** `tel:` address of a phone number as written: extensions dropped, vanity letters dialled. */
export function telHref(phone: string): string {
  const number = phone.replace(/\s*(?:ext\.?|x)\s*\d+\s*$/i, "");
  return `tel:${[...number.toLowerCase()]
    .map((char) => KEYPAD[char] ?? char)
    .join("")
    .replace(/[^0-9+]/g, "")}`;
}

/** A tap-to-call link, kept left to right (and apart from the words around it) on a right-to-left page too. */
export function phoneLink(phone: string): nunjucks.runtime.SafeString {
  return trustedHtml(`<a href="${escapeHtml(telHref(phone))}" dir="ltr">${escapeHtml(phone)}</a>`);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// Every handout page sits at the same depth (<clinic>/<lang>/<handout>.html), so one relative path reaches an asset.
const assetHref = (name: string) => relativeHref(outputPaths.handoutPage("clinic", "lang", "handout"), outputPaths.asset(name));

/**
 * `{{ icon("no-driving") }}` in a section: a decorative icon, hidden from screen readers because the words
 * beside it say the same; `{{ icon("phone", "Call us") }}`: a meaningful one, whose alt text is read aloud.
 */
function icon(name: string, alt = ""): nunjucks.runtime.SafeString {
  if (!isIconName(name)) throw new LibraryError(`icon "${name}" does not exist; see src/content/icons.ts for the names`);
  return trustedHtml(`<img class="icon" src="${assetHref(`icons/${name}.svg`)}" alt="${escapeHtml(alt)}" width="24" height="24">`);
}

/**
 * `{{ illustration("iv-infusion", "What the drawing shows", "Its caption") }}`: one of our drawings, described for
 * screen readers (and in the PDF's tags) by its alt text, with a caption under it. Not an HTML <figure>: Chromium
 * would tag that as a second Figure, without alternative text, around the picture's own.
 */
function illustration(name: string, alt: string, caption: string): nunjucks.runtime.SafeString {
  if (!isIllustrationName(name)) throw new LibraryError(`illustration "${name}" does not exist; see src/content/icons.ts for the names`);
  const { width, height } = ILLUSTRATIONS[name];
  const src = assetHref(`illustrations/${name}.svg`);
  return trustedHtml(
    `<div class="illustration"><img src="${src}" alt="${escapeHtml(alt)}" width="${width}" height="${height}"><p class="illustration__caption">${escapeHtml(caption)}</p></div>`,
  );
}

export type SectionContext = ReturnType<typeof sectionContext>;

/** Values a section template may use. Clinic text is plain data here; only our own HTML is marked safe. */
export function sectionContext(clinic: Clinic, lang: string) {
  const { contact } = clinic;
  const hours = clinic.hours === undefined ? undefined : localize(clinic.hours, lang);
  return {
    lang,
    icon,
    illustration,
    clinic: {
      name: clinic.name,
      phone: contact.phone,
      phoneLink: phoneLink(contact.phone),
      afterHoursPhone: contact.afterHoursPhone ?? null,
      afterHoursPhoneLink: contact.afterHoursPhone ? phoneLink(contact.afterHoursPhone) : null,
      email: contact.email ?? null,
      website: contact.website ?? null,
      address: contact.address ?? null,
      hours: hours?.text ?? null,
    },
    notes: Object.fromEntries(NOTE_NAMES.map((name) => [name, noteHtml(clinic, name, lang)])),
  };
}

function noteHtml(clinic: Clinic, name: NoteName, lang: string): nunjucks.runtime.SafeString | null {
  const value = clinic.notes?.[name];
  const note = value === undefined ? undefined : localize(value, lang);
  if (!note) return null;
  const html = renderNote(note.text);
  return trustedHtml(note.lang === lang ? html : `<div lang="${note.lang}">${html}</div>`);
}

/** Render a handout's sections for a clinic in a language. */
export function renderHandout(libraryOnly: Library, clinic: Clinic, lang: string, handoutId: string): HandoutDocument {
  const library = libraryFor(libraryOnly, clinic.slug);
  const definition = library.handouts.find((handout) => handout.id === handoutId);
  const pack = library.languagePacks.get(lang);
  const strings = pack?.handouts[handoutId];
  if (!definition || !pack || !strings) throw new Error(`no handout "${handoutId}" in language "${lang}"`);
  const context = sectionContext(clinic, lang);
  const sections = definition.sections.map((id) => library.section(lang, id));
  const document = {
    title: strings.title,
    contact: contactLines(clinic, pack.ui, lang),
    summary: strings.summary,
    sections: sections.map(({ id, title, kind, template, file, lang: sectionLang, ownedBy }) => ({
      id,
      title,
      ...(kind ? { kind } : {}),
      ...(sectionLang === lang ? {} : { lang: sectionLang }),
      html: template.render(context).trim(),
      ...(ownedBy ? { file } : {}),
    })),
    ...handoutReview(sections),
    sources: uniqueSources(sections),
  };
  return { ...document, contentVersion: createHash("sha256").update(JSON.stringify(document)).digest("hex").slice(0, 8) };
}

/** Each source once, in the order the sections cite them. */
function uniqueSources(sections: readonly Section[]): Source[] {
  const byUrl = new Map(sections.flatMap((section) => section.sources).map((source) => [source.url, source]));
  return [...byUrl.values()];
}

/** The clinic's contact block in a language: only the lines the clinic file has. */
export function contactLines(clinic: Clinic, ui: UiStrings, lang: string): ContactLine[] {
  const { contact } = clinic;
  const hours = clinic.hours === undefined ? undefined : localize(clinic.hours, lang);
  const lines: ContactLine[] = [{ label: ui.phone, text: contact.phone, href: telHref(contact.phone), dir: "ltr" }];
  if (contact.afterHoursPhone)
    lines.push({ label: ui.afterHoursPhone, text: contact.afterHoursPhone, href: telHref(contact.afterHoursPhone), dir: "ltr" });
  if (hours) lines.push({ label: ui.hours, text: hours.text, ...(hours.lang === lang ? {} : { lang: hours.lang }), dir: "auto" });
  if (contact.address) lines.push({ label: ui.address, text: contact.address, dir: "auto" });
  if (contact.email) lines.push({ label: ui.email, text: contact.email, href: `mailto:${contact.email}`, dir: "ltr" });
  // The address as people type it ("riverside-pain.example"): a link whose text is a bare https:// address says nothing to a screen reader.
  if (contact.website)
    lines.push({
      label: ui.website,
      text: contact.website.replace(/^https:\/\//i, "").replace(/\/$/, ""),
      href: contact.website,
      dir: "ltr",
    });
  return lines;
}
