import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { checkLayout, describeLayoutIssue } from "../../src/printing/layout-check.ts";
import { checkWarnings } from "../../src/printing/pdf-checks.ts";

/** A Letter page with the given runs of text (x, y of the baseline, size), and a second page with the rest. */
async function pdfWith(pages: { text: string; x: number; y: number; size?: number; skew?: boolean }[][]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const runs of pages) {
    const page = document.addPage([612, 792]);
    for (const { text, x, y, size = 12, skew } of runs)
      page.drawText(text, { x, y, size, font, ...(skew ? { xSkew: { type: "degrees", angle: 12 } as never } : {}) });
  }
  return document.save();
}

describe("checkLayout", () => {
  it("finds text over other text, text off the page and text in the strip printers leave blank, naming the page", async () => {
    const pdf = await pdfWith([
      [{ text: "A paragraph that is fine", x: 72, y: 700 }],
      [
        { text: "Terapia de infusión: qué esperar", x: 72, y: 40, size: 12 },
        { text: "Página 1 de 7", x: 200, y: 36, size: 13 },
        { text: "Phone (555) 010-2000 ext. 1234", x: 500, y: 100 },
        { text: "Too low", x: 300, y: 4 },
      ],
    ]);
    const issues = await checkLayout(pdf);
    expect(issues).toEqual([
      { page: 2, kind: "off-page", text: "Phone (555) 010-2000 ext. 1234" },
      { page: 2, kind: "unprintable", text: "Too low" },
      { page: 2, kind: "overlap", text: "Terapia de infusión: qué esperar", other: "Página 1 de 7" },
    ]);
    expect(issues.map(describeLayoutIssue)).toEqual([
      'page 2: "Phone (555) 010-2000 ext. 1234" runs off the page',
      'page 2: "Too low" is within 4.2 mm of the paper\'s edge, which printers leave blank',
      'page 2: "Terapia de infusión: qué esperar" overlaps "Página 1 de 7"',
    ]);
    expect(checkWarnings("clinic/es/handout.pdf", { pdfUa: true, pdfUaProblems: [], layout: issues.slice(2) })).toEqual([
      'clinic/es/handout.pdf: page 2: "Terapia de infusión: qué esperar" overlaps "Página 1 de 7"',
    ]);
  });

  it("leaves alone what is set close but readable: lines of a paragraph, words that touch, a bold word in a sentence, slanted text", async () => {
    const pdf = await pdfWith([
      [
        // Line height 1.2 at 12 pt: the glyphs' full boxes (ascent to descent) touch a little.
        { text: "First line of a paragraph set tight", x: 72, y: 700 },
        { text: "second line of the same paragraph", x: 72, y: 685.6 },
        { text: "Call", x: 72, y: 650 },
        { text: "911", x: 95.5, y: 650 },
        { text: "off-label", x: 72, y: 600, skew: true },
        { text: ").", x: 119, y: 600 },
      ],
    ]);
    expect(await checkLayout(pdf)).toEqual([]);
  });
});
