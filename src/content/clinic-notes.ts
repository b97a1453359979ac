import MarkdownIt from "markdown-it";

// Clinic notes are written by staff: a small Markdown subset, raw HTML shown as text, no pictures.
const notesMarkdown = new MarkdownIt("zero", { html: false, linkify: false, typographer: false, breaks: true }).enable([
  "emphasis",
  "list",
  "link",
  "image",
  "newline",
  "paragraph",
  "escape",
  "backticks",
]);

// A picture in a note is dropped, keeping its description: a note can never make a page or the printer fetch anything.
notesMarkdown.renderer.rules.image = (tokens, index) => notesMarkdown.utils.escapeHtml(tokens[index]?.content ?? "");

const SAFE_LINK = /^(?:https?:|tel:|mailto:)/i;
notesMarkdown.validateLink = (url) => SAFE_LINK.test(url.trim());

/** A clinic note as HTML: emphasis, lists and http(s)/tel/mailto links only; everything else is escaped text. */
export function renderNote(note: string): string {
  return notesMarkdown.render(note).trim();
}
