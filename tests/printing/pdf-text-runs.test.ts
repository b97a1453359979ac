import { PDFDocument, PDFName, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { textOfPages } from "../../src/printing/pdf-text-runs.ts";

/** A Letter page drawing `content` with Helvetica as /F1, and `form` (if given) as the form XObject /Fm1. */
async function pageWith(content: string, form?: { content: string; matrix: number[] }): Promise<PDFDocument> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  const page = document.addPage([612, 792]);
  const fonts = document.context.obj({ F1: font.ref });
  const resources = document.context.obj({ Font: fonts });
  if (form) {
    const stream = document.context.stream(form.content, {
      Type: "XObject",
      Subtype: "Form",
      BBox: [0, 0, 612, 792],
      Matrix: form.matrix,
      Resources: resources,
    });
    resources.set(PDFName.of("XObject"), document.context.obj({ Fm1: document.context.register(stream) }));
  }
  page.node.set(PDFName.of("Resources"), resources);
  page.node.set(PDFName.of("Contents"), document.context.register(document.context.stream(content)));
  // Read back from bytes, as the build reads Chromium's PDFs.
  return PDFDocument.load(await document.save());
}

// Helvetica's widths, in thousandths of an em: H 722, i 222, space 278.
describe("textOfPages", () => {
  it("reads a run as Chromium writes one: a text object, each glyph placed with its own Td along the line", async () => {
    const document = await pageWith("BT /F1 10 Tf 1 0 0 1 100 700 Tm (H) Tj 7.22 0 Td (i) Tj 2.22 0 Td (!) Tj ET");
    const [page] = textOfPages(document);
    expect(page?.view).toEqual([0, 0, 612, 792]);
    expect(page?.runs).toHaveLength(1);
    const run = page?.runs[0];
    expect(run?.text).toBe("Hi!");
    expect(run?.transform).toEqual([10, 0, 0, 10, 100, 700]);
    expect(run?.width).toBeCloseTo(7.22 + 2.22 + 2.78, 5); // "!" is 278 wide
    expect(run?.ascent).toBeGreaterThan(0.6);
    expect(run?.descent).toBeLessThan(0);
  });

  it("begins a new run on a new line, in a new font size or text object, and places each through the CTM", async () => {
    const document = await pageWith(
      "q 2 0 0 2 10 20 cm BT /F1 10 Tf 50 100 Td (Hi) Tj 0 -12 Td (i) Tj /F1 20 Tf (H) Tj ET BT /F1 10 Tf (H) Tj ET Q",
    );
    const runs = textOfPages(document)[0]?.runs ?? [];
    expect(runs.map((run) => run.text)).toEqual(["Hi", "i", "H", "H"]);
    expect(runs.map((run) => run.transform)).toEqual([
      [20, 0, 0, 20, 110, 220],
      [20, 0, 0, 20, 110, 196],
      [40, 0, 0, 40, 110 + 2 * 2.22, 196],
      [20, 0, 0, 20, 10, 20],
    ]);
    expect(runs[0]?.width).toBeCloseTo(2 * (7.22 + 2.22), 5);
  });

  it("follows TJ's adjustments, character spacing, horizontal scaling and rise, and text drawn in a form", async () => {
    // The text state is part of the graphics state: Q restores it before the form is drawn.
    const document = await pageWith("q BT /F1 10 Tf 100 700 Td 50 Tz 1 Tc 3 Ts [(H) -1000 (i)] TJ ET Q /Fm1 Do", {
      content: "BT /F1 10 Tf (ii) Tj ET",
      matrix: [0, 1, -1, 0, 300, 400],
    });
    const [scaled, turned] = textOfPages(document)[0]?.runs ?? [];
    // H (7.22 + 1 spacing) then 10 units back-to-front, i (2.22 + 1), all at half width.
    expect(scaled?.text).toBe("Hi");
    expect(scaled?.transform).toEqual([5, 0, 0, 10, 100, 703]);
    expect(scaled?.width).toBeCloseTo(0.5 * (7.22 + 1 + 10 + 2.22), 5);
    // The form is turned a quarter: its baseline runs up the page.
    expect(turned?.text).toBe("ii");
    expect(turned?.transform.map((value) => Math.round(value * 1000) / 1000)).toEqual([0, 10, -10, 0, 300, 400]);
    expect(turned?.width).toBeCloseTo(2.22 * 2, 5);
  });
});
