import MarkdownIt from "markdown-it";
import nunjucks from "nunjucks";

const markdown = new MarkdownIt({ html: true, typographer: false, linkify: false });
// Section templates are ours; clinic values reach them only as autoescaped variables.
const environment = new nunjucks.Environment(null, { autoescape: true, throwOnUndefined: true });

const TEMPLATE_TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const placeholder = (index: number) => `TPLTAG${index}ENDTAG`;

/**
 * Compile a section's Markdown into a Nunjucks template of HTML.
 * Template tags are set aside while Markdown renders (so it cannot mangle their quotes), then put back;
 * a tag alone in its paragraph is unwrapped, so `{% if %}` blocks and block-level notes nest correctly.
 */
export function compileSection(source: string, file: string): nunjucks.Template {
  const tags: string[] = [];
  const withPlaceholders = source.replace(TEMPLATE_TAG, (tag) => placeholder(tags.push(tag) - 1));
  const html = markdown
    .render(withPlaceholders)
    .replace(/<p>(TPLTAG\d+ENDTAG)<\/p>\n?/g, "$1\n")
    .replace(/TPLTAG(\d+)ENDTAG/g, (_whole, index: string) => tags[Number(index)] ?? "");
  return new nunjucks.Template(html, environment, file, true);
}

/** Mark HTML we produced ourselves (escaped already) so autoescape leaves it alone. */
export function trustedHtml(html: string): nunjucks.runtime.SafeString {
  return new nunjucks.runtime.SafeString(html);
}
