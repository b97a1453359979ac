import { inflateSync } from "node:zlib";
import fc from "fast-check";
import { PDFDocument, PDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { parseOperations } from "../../src/printing/pdf-ua/content-stream.ts";
import { markArtifacts } from "../../src/printing/pdf-ua/mark-artifacts.ts";
import { INVISIBLE, mendToUnicode, parseToUnicode, writeToUnicode } from "../../src/printing/pdf-ua/to-unicode.ts";
import { xmpPacket } from "../../src/printing/pdf-ua/xmp.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

const PAINTING = new Set(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Tj", "TJ", "'", '"', "Do", "sh", "BI"]);

/** Every painting operator of a stream with the marked-content tags around it, innermost last. */
function paintingWithTags(stream: string): { operator: string; tags: string[] }[] {
  const tags: string[] = [];
  const found: { operator: string; tags: string[] }[] = [];
  for (const operation of parseOperations(bytes(stream))) {
    if (operation.operator === "BDC" || operation.operator === "BMC") {
      const tag = operation.operands[0];
      tags.push(typeof tag === "object" && tag !== null && tag.kind === "name" ? tag.name : "?");
    } else if (operation.operator === "EMC") tags.pop();
    else if (PAINTING.has(operation.operator)) found.push({ operator: operation.operator, tags: [...tags] });
  }
  return found;
}

describe("parseOperations", () => {
  it("reads operators with their operands and where they are, strings, arrays, dictionaries and inline images included", () => {
    const stream =
      "q 1 0 0 -1 .5 -2.25 cm\n/P <</MCID 3 >>BDC BT /F1 12 Tf [(a\\)b(c)) -20 <00 1E>] TJ ET EMC\nBI /W 1 /H 1 ID \u0001\u0002\nEI Q %done";
    const operations = parseOperations(bytes(stream));
    expect(operations.map((operation) => operation.operator)).toEqual(["q", "cm", "BDC", "BT", "Tf", "TJ", "ET", "EMC", "BI", "Q"]);
    expect(operations[1]?.operands).toEqual([1, 0, 0, -1, 0.5, -2.25]);
    const properties = operations[2]?.operands[1];
    expect(typeof properties === "object" && properties !== null && properties.kind === "dict" && properties.entries.get("MCID")).toBe(3);
    for (const operation of operations)
      expect(stream.slice(operation.start, operation.end).endsWith(operation.operator === "BI" ? "EI" : operation.operator)).toBe(true);
  });

  it("refuses what is not a content stream", () => {
    expect(() => parseOperations(bytes("q (unclosed"))).toThrow(/not closed/);
    expect(() => parseOperations(bytes("1 0 0"))).toThrow(/without an operator/);
    expect(() => parseOperations(bytes("<zz> Tj"))).toThrow(/hex/);
  });
});

describe("markArtifacts", () => {
  it("wraps untagged drawing (a page background, a running footer) as artifacts and leaves tagged content alone", () => {
    const stream = [
      "q 1 1 1 rg 0 0 612 792 re f Q", // background
      "q BT /F1 9 Tf 50 20 Td <0001> Tj ET Q", // footer
      "/P <</MCID 0 >>BDC BT /F1 12 Tf 50 700 Td <0002> Tj ET EMC",
    ].join("\n");
    const marked = markArtifacts(bytes(stream));
    expect(marked.artifacts).toBe(1);
    expect(marked.problems).toEqual([]);
    expect(text(marked.bytes)).toBe(
      `/Artifact BMC\nq 1 1 1 rg 0 0 612 792 re f Q\nq BT /F1 9 Tf 50 20 Td <0001> Tj ET Q\nEMC\n/P <</MCID 0 >>BDC BT /F1 12 Tf 50 700 Td <0002> Tj ET EMC`,
    );
    expect(paintingWithTags(text(marked.bytes)).map((painting) => painting.tags)).toEqual([["Artifact"], ["Artifact"], ["P"]]);
  });

  it("goes into a q…Q block where a tag that opened before it closes (as Chromium writes), without splitting the block", () => {
    const stream =
      "/Lbl <</MCID 7 >>BDC q 1 0 0 1 5 5 cm 0 0 m 1 1 l f Q q 2 0 0 2 0 0 cm EMC 0 0 m 4 4 l S 1 0 0 1 1 1 cm 0 0 m 2 2 l S Q";
    const marked = markArtifacts(bytes(stream));
    expect(text(marked.bytes)).toBe(
      "/Lbl <</MCID 7 >>BDC q 1 0 0 1 5 5 cm 0 0 m 1 1 l f Q q 2 0 0 2 0 0 cm EMC /Artifact BMC\n0 0 m 4 4 l S 1 0 0 1 1 1 cm 0 0 m 2 2 l S\nEMC Q",
    );
    // The tagged path's box, in page coordinates through the transformation.
    expect(marked.boxes.get(7)).toEqual({ x0: 5, y0: 5, x1: 6, y1: 6 });
  });

  it("measures an image through its transformation, and leaves a stream with nothing untagged as it was", () => {
    const stream = "/Figure <</MCID 2 >>BDC q 100 0 0 50 10 20 cm /Im1 Do Q EMC";
    const marked = markArtifacts(bytes(stream));
    expect(marked.artifacts).toBe(0);
    expect(text(marked.bytes)).toBe(stream);
    expect(marked.boxes.get(2)).toEqual({ x0: 10, y0: 20, x1: 110, y1: 70 });
  });

  it("marks text shown outside a tag inside a text object that holds tagged text too", () => {
    const stream = "BT /F1 9 Tf <01> Tj /Span <</MCID 1 >>BDC <02> Tj EMC <03> Tj ET";
    const marked = markArtifacts(bytes(stream));
    expect(text(marked.bytes)).toBe(
      "BT /F1 9 Tf /Artifact BMC\n<01> Tj\nEMC /Span <</MCID 1 >>BDC <02> Tj EMC /Artifact BMC\n<03> Tj\nEMC ET",
    );
  });

  it("treats marked content that tags nothing (Skia's ReversedChars and ActualText spans around right-to-left text) as drawing", () => {
    // An Arabic running footer as Chromium prints it: marked, but with no MCID, so neither tagged nor an artifact.
    const footer = "BT /ReversedChars BMC /Span<</ActualText <FEFF064A> >> BDC /F4 12 Tf <0124> Tj EMC 1 0 Td <0008> Tj EMC ET";
    const tagged = "/P <</MCID 0 >>BDC BT /ReversedChars BMC /Span<</ActualText <FEFF0645> >> BDC <004E> Tj EMC EMC ET EMC";
    const mixedText = "BT <02> Tj /ReversedChars BMC <03> Tj EMC /Span <</MCID 1 >>BDC <04> Tj EMC ET";
    const marked = markArtifacts(bytes([`q ${footer} Q`, tagged, mixedText].join("\n")));
    expect(text(marked.bytes)).toBe(
      [
        `/Artifact BMC\nq ${footer} Q\nEMC`,
        tagged,
        "BT /Artifact BMC\n<02> Tj /ReversedChars BMC <03> Tj EMC\nEMC /Span <</MCID 1 >>BDC <04> Tj EMC ET",
      ].join("\n"),
    );
    expect(paintingWithTags(text(marked.bytes)).map((painting) => painting.tags[0])).toEqual([
      "Artifact",
      "Artifact",
      "P",
      "Artifact",
      "Artifact",
      "Span",
    ]);
  });

  it("leaves marked content that tags nothing but does not close where it opened as it was", () => {
    const stream = "q /ReversedChars BMC BT <01> Tj ET Q EMC";
    expect(text(markArtifacts(bytes(stream)).bytes)).toBe(stream);
  });

  it("reports what it cannot mend: an EMC too many, a form with its own tags drawn untagged", () => {
    expect(markArtifacts(bytes("EMC 0 0 m 1 1 l S")).problems).toEqual(["an EMC without its BDC"]);
    expect(markArtifacts(bytes("/Fm1 Do"), { isTaggedForm: (name) => name === "Fm1" }).problems).toEqual([
      "a form XObject with its own tags is drawn outside any tag",
    ]);
  });

  it("for any stream: everything painted ends up tagged or an artifact, artifacts never split q…Q, BT…ET or a path, and nothing else changes", () => {
    const path = fc.constantFrom("0 0 m 1 1 l S", "0 0 5 5 re f", "0 0 5 5 re W n", "1 1 m 2 2 l 3 3 4 4 5 5 c h B*");
    const leaf = fc.oneof(path, fc.constantFrom("BT /F1 9 Tf <01> Tj ET", "/Im Do", "1 0 0 1 2 3 cm", "0.5 g", "BT [(a) 5 (b)] TJ ET"));
    const content: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        tie("node").map((inner) => `q ${inner} Q`),
        tie("node").map((inner) => `/P <</MCID 1 >>BDC ${inner} EMC`),
        fc.array(tie("node"), { minLength: 1, maxLength: 4 }).map((nodes) => nodes.join("\n")),
      ),
    })).node;
    fc.assert(
      fc.property(content, (stream) => {
        const marked = text(markArtifacts(bytes(stream)).bytes);
        expect(paintingWithTags(marked).filter((painting) => painting.tags.length === 0)).toEqual([]);
        expect(marked.replace(/\/Artifact BMC\n|\nEMC(?=\s|$)/g, "")).toBe(stream);
        // Inside each artifact: q and Q balanced, BT and ET balanced, no path left open.
        for (const artifact of marked.matchAll(/\/Artifact BMC\n([\s\S]*?)\nEMC/g)) {
          const operators = parseOperations(bytes(artifact[1] as string)).map((operation) => operation.operator);
          let graphics = 0;
          let textObjects = 0;
          for (const operator of operators) {
            graphics += operator === "q" ? 1 : operator === "Q" ? -1 : 0;
            textObjects += operator === "BT" ? 1 : operator === "ET" ? -1 : 0;
            expect(graphics).toBeGreaterThanOrEqual(0);
          }
          expect([graphics, textObjects]).toEqual([0, 0]);
          expect(["m", "l", "c", "re", "h", "W"]).not.toContain(operators.at(-1));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("xmpPacket", () => {
  it("carries the title, language and dates given, and claims PDF/UA-1 only when asked", () => {
    const facts = {
      title: "Side effects & <help>",
      lang: "es",
      author: "Clinic",
      subject: "S",
      keywords: "k",
      creatorTool: "tool",
      producer: "p",
      date: new Date("2026-11-28T00:00:00Z"),
    };
    const claimed = xmpPacket({ ...facts, pdfUa: true });
    expect(claimed).toContain('<rdf:li xml:lang="x-default">Side effects &#38; &#60;help&#62;</rdf:li>');
    expect(claimed).toContain("<dc:language><rdf:Bag><rdf:li>es</rdf:li></rdf:Bag></dc:language>");
    expect(claimed).toContain("<xmp:CreateDate>2026-11-28T00:00:00Z</xmp:CreateDate>");
    expect(claimed).toContain("<pdfuaid:part>1</pdfuaid:part>");
    expect(xmpPacket({ ...facts, pdfUa: false })).not.toContain("pdfuaid");
  });
});

describe("mendToUnicode", () => {
  const cmap = (body: string) =>
    `/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${body}\nendcmap end end`;

  it("reads bfchar and both forms of bfrange", () => {
    const { map, codespace } = parseToUnicode(
      cmap(
        "2 beginbfchar\n<0003> <0020>\n<0012> <0000>\nendbfchar\n2 beginbfrange\n<0005> <0007> <0030>\n<0020> <0021> [<FEFF> <00660069>]\nendbfrange",
      ),
    );
    expect(codespace).toEqual(["<0000> <FFFF>"]);
    expect(Object.fromEntries(map)).toEqual({
      "0003": [0x20],
      "0012": [0],
      "0005": [0x30],
      "0006": [0x31],
      "0007": [0x32],
      "0020": [0xfeff],
      "0021": [0x66, 0x69],
    });
  });

  it("maps glyphs mapped to U+0000, U+FEFF or U+FFFE to the word joiner, keeps the rest, and leaves clean CMaps alone", async () => {
    const document = await PDFDocument.create();
    const bad = document.context.register(
      document.context.flateStream(
        cmap("3 beginbfchar\n<0012> <0000>\n<0013> <FFFE>\n<0014> <0041FEFF>\nendbfchar\n1 beginbfrange\n<0001> <0002> <0061>\nendbfrange"),
      ),
    );
    const cleanStream = document.context.flateStream(cmap("1 beginbfchar\n<0003> <0020>\nendbfchar"));
    const clean = document.context.register(cleanStream);
    for (const toUnicode of [bad, clean])
      document.context.register(document.context.obj({ Type: "Font", Subtype: "Type0", ToUnicode: toUnicode }));
    expect(mendToUnicode(document)).toBe(3);
    expect(document.context.lookup(clean)).toBe(cleanStream);
    const mended = document.context.lookup(bad) as PDFRawStream;
    const written = new TextDecoder().decode(inflateSync(mended.contents));
    expect(written).toContain("5 beginbfchar\n<0001> <0061>\n<0002> <0062>\n<0012> <2060>\n<0013> <2060>\n<0014> <0041>\nendbfchar");
    expect(Object.fromEntries(parseToUnicode(written).map)).toEqual({
      "0001": [0x61],
      "0002": [0x62],
      "0012": [INVISIBLE],
      "0013": [INVISIBLE],
      "0014": [0x41],
    });
    // Same CMap, same bytes.
    expect(writeToUnicode(parseToUnicode(written))).toBe(written);
  });
});
