import { PDFDocument, StandardFonts, beginMarkedContent, endMarkedContent, type PDFFont, type PDFPage } from "pdf-lib";
import { describe, expect, it } from "vitest";
import {
  endsOnAvoidableEmptyPage,
  measurePageFill,
  onlyClosingBlockOnLastPage,
  type ClosingBlock,
  type PageFill,
} from "../../src/printing/page-fill.ts";

/** A Letter page's text area in these test PDFs: from 720 down to 72 points, with the footer below it. */
const [TOP, BOTTOM] = [720, 72];

/** A line of running footer, marked as an artifact as the build marks it. */
function footer(page: PDFPage, font: PDFFont, number: number) {
  page.pushOperators(beginMarkedContent("Artifact"));
  page.drawText(`Page ${number}`, { x: 280, y: 60, size: 10, font }); // its top, and the gap above it, at BOTTOM
  page.pushOperators(endMarkedContent());
}

/** A PDF whose pages hold lines of text from the top of the text area down to the given share of its height. */
async function pagesFilledTo(shares: number[]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  shares.forEach((share, index) => {
    const page = document.addPage([612, 792]);
    // The first line's top (Helvetica rises 0.72 of its size) at TOP, then a line every 16 points down to the share.
    for (let y = TOP - 9; y >= TOP - share * (TOP - BOTTOM); y -= 16) page.drawText("A line of the handout", { x: 72, y, size: 12, font });
    footer(page, font, index + 1);
  });
  return document.save();
}

describe("measurePageFill", () => {
  it("measures how far down each page's text reaches, leaving out the running footer", async () => {
    const fill = await measurePageFill(await pagesFilledTo([0.95, 0.5, 0.1]));
    expect(fill.pages).toBe(3);
    [0.95, 0.5, 0.1].forEach((share, index) => expect(fill.fills[index]).toBeCloseTo(share, 1));
    expect(fill.roomBeforeLastPage).toBeCloseTo(1 - (fill.fills[1] ?? 0), 5);
  });

  it("finds a nearly empty last page avoidable only when its text would have fitted at the foot of the page before", async () => {
    // Two lines over, and half of the page before blank: only a rule that keeps things together sent them over.
    expect(endsOnAvoidableEmptyPage(await measurePageFill(await pagesFilledTo([0.95, 0.5, 0.1])))).toBe(true);
    // The page before is full: the text ends on a short page because it had to.
    expect(endsOnAvoidableEmptyPage(await measurePageFill(await pagesFilledTo([0.95, 0.97, 0.1])))).toBe(false);
    // A last page a third full is not nearly empty, whatever the page before.
    expect(endsOnAvoidableEmptyPage(await measurePageFill(await pagesFilledTo([0.95, 0.5, 0.34])))).toBe(false);
    expect(endsOnAvoidableEmptyPage(await measurePageFill(await pagesFilledTo([0.1])))).toBe(false);
  });
});

describe("endsOnAvoidableEmptyPage, by where the closing block is", () => {
  const closing: ClosingBlock = { after: "How to reach us", before: ["Language help"] };
  /** Four pages, the last 10 % full and the one before full; the contact block on the given page. */
  const ending = (contactPage: number, more: PageFill["headings"] = []): PageFill => ({
    pages: 4,
    fills: [0.95, 0.96, 0.98, 0.1],
    lastPageSpan: 0.1,
    roomBeforeLastPage: 0.02,
    headings: [{ title: "Side effects", page: 1 }, { title: "How to reach us", page: contactPage }, { title: "Sources", page: 3 }, ...more],
  });

  it("fails a short closing block that went over alone: it began on the page before, and nothing follows it", () => {
    expect(onlyClosingBlockOnLastPage(ending(3), closing)).toBe(true);
    expect(endsOnAvoidableEmptyPage(ending(3), closing)).toBe(true);
    // Headings of right-to-left languages come with their words reversed.
    expect(endsOnAvoidableEmptyPage(ending(3), { after: "reach us How to", before: [] })).toBe(true);
  });

  it("leaves alone the end of a long closing block, of the language help after it, or of the handout's own text", () => {
    expect(endsOnAvoidableEmptyPage(ending(2), closing)).toBe(false);
    expect(endsOnAvoidableEmptyPage(ending(3, [{ title: "Language help", page: 3 }]), closing)).toBe(false);
    expect(onlyClosingBlockOnLastPage(ending(4), closing)).toBe(false);
    expect(endsOnAvoidableEmptyPage(ending(3))).toBe(false);
  });
});
