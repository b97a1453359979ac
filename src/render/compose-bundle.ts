import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { escapeHtml } from "../content/render-handout.ts";
import type { BundlePage } from "./site-data.ts";

/**
 * Write a visit pack's page: its handouts' printed pages, one after the other, in one document, so that Chromium
 * prints, tags and bookmarks the pack as it does a handout, and counts its pages across the pack. Each handout is
 * taken as rendered (its article, the same markup as its own PDF), so it looks as it does alone; the pack's page
 * is its first handout's page with the pack's title, its running footer and every handout's article.
 */
export async function composeBundle(siteDir: string, page: BundlePage): Promise<void> {
  const members = await Promise.all(page.bundle.members.map((member) => readFile(path.join(siteDir, member.htmlPath), "utf8")));
  const articles = members.map((html, index) =>
    withOwnIds(articleOf(html, page.bundle.members[index]?.htmlPath ?? ""), page.bundle.handouts[index] ?? ""),
  );
  const first = page.bundle.members[0] as BundlePage["bundle"]["members"][number];
  const shell = members[0] as string;
  const html = shell
    .replace(/<title>[\s\S]*?<\/title>/, `<title>${escapeHtml(`${page.title} · ${page.clinic.name}`)}</title>`)
    // Its handouts' other languages are not the pack's.
    .replace(/\n\s*<link rel="alternate"[^>]*>/g, "")
    .replace(`href="${path.posix.basename(first.printStylesheet)}"`, `href="${path.posix.basename(page.printStylesheet)}"`)
    .replace(
      /(<main\b[^>]*>)[\s\S]*(<\/main>)/,
      (_whole, open: string, close: string) => `${open}\n<div class="bundle">\n${articles.join("\n")}\n</div>\n${close}`,
    );
  await writeFile(path.join(siteDir, page.htmlPath), html);
}

/**
 * The handout's article, as rendered into its page, without its download links: they are for the screen only,
 * and a build fills in their PDF sizes after printing, which would make the pack's page (and its print cache key)
 * differ between a handout rendered now and one kept from an earlier build.
 */
function articleOf(html: string, file: string): string {
  const start = html.indexOf("<article");
  const end = html.lastIndexOf("</article>");
  if (start < 0 || end < start) throw new Error(`${file}: no <article> in the handout's page`);
  return html.slice(start, end + "</article>".length).replace(/\s*<p class="screen-only downloads">[\s\S]*?<\/p>/, "");
}

/** Ids are unique in a page: each handout's get its id in front ("your-visit--contact"), and so do the references to them. */
function withOwnIds(article: string, handoutId: string): string {
  return article
    .replace(
      /\s(id|aria-labelledby|aria-describedby)="([^"]+)"/g,
      (_whole, name: string, value: string) => ` ${name}="${handoutId}--${value}"`,
    )
    .replace(/\shref="#([^"]+)"/g, (_whole, target: string) => ` href="#${handoutId}--${target}"`);
}
