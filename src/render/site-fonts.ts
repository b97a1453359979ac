import path from "node:path";
import { facesFor } from "../fonts/coverage.ts";
import { cssFontStack, fontStack, type FontFace } from "../fonts/typefaces.ts";
import { outputPaths } from "../paths.ts";

/** The font files a site publishes and the stylesheet that loads them: only what its text needs. */
export interface SiteFonts {
  /** Each file, and where it goes in the site. */
  files: { face: FontFace; sitePath: string }[];
  /** assets/fonts.css: an @font-face rule per file (by unicode-range, so a page loads only what it shows), and the font stack per language. */
  css: string;
}

/** What templates and the layout print besides the words they are given: printable ASCII and Latin-1, and the footer's ellipsis. */
const ALWAYS = [
  ...Array.from({ length: 0xff - 0x20 + 1 }, (_, index) => String.fromCodePoint(0x20 + index)),
  "…",
  "–",
  "—",
  "·",
  "’",
  "“",
  "”",
].join("");

/**
 * Choose the font files for a site that prints `texts` in `langs`: for each character, the files of the
 * typeface each language's font stack would draw it with (regular and bold), and nothing else. A character
 * no bundled typeface has is left out here: clinic text is refused before it gets this far, and the tests
 * check that the PDFs name no font but ours.
 */
export function siteFonts(texts: Iterable<string>, langs: Iterable<string>): SiteFonts {
  const characters = new Set<string>(ALWAYS);
  for (const text of texts) for (const char of text) characters.add(char);
  const stacks = [...new Set(["en", ...langs])].map(fontStack);
  const chosen = new Set<FontFace>();
  for (const char of characters) {
    const faces = facesFor(char.codePointAt(0) as number);
    for (const stack of stacks) {
      const family = stack.find((candidate) => faces.some((face) => face.family === candidate));
      for (const face of faces) if (face.family === family) chosen.add(face);
    }
  }
  const files = [...chosen].map((face) => ({ face, sitePath: outputPaths.asset(`fonts/${path.basename(face.file)}`) }));
  return { files, css: fontsCss(files, ["en", ...langs]) };
}

function fontsCss(files: SiteFonts["files"], langs: readonly string[]): string {
  const faces = files.map(
    ({ face, sitePath }) => `@font-face {
  font-family: "${face.family}";
  font-style: normal;
  font-weight: ${face.weight};
  font-display: block;
  src: url("${path.posix.relative(path.posix.dirname(outputPaths.asset("fonts.css")), sitePath)}") format("woff2");
  unicode-range: ${face.unicodeRange};
}`,
  );
  const stacks = [...new Set(langs)].map(
    (lang) => `${lang === "en" ? ":root" : `:lang(${lang})`} {\n  font-family: ${cssFontStack(lang)};\n}`,
  );
  return `/* The bundled typefaces, only the files this site's text needs; then the font stack of each language. */\n${[...faces, ...stacks].join("\n")}\n`;
}
