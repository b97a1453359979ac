import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FOOTER_PAGES, FOOTER_SHARES, footerLines, footerMaxLines, phoneLines, wrap } from "../../src/render/footer/running-footer.ts";
import { textWidthEm } from "../../src/fonts/text-width.ts";
import { PAPER_POINTS } from "../../src/paper.ts";

const MM = 72 / 25.4;
const byLength = (max: number) => (line: string) => [...line].length <= max;

describe("the running footer's lines", () => {
  it("fits the review date and as much of the title as its lines hold, ending a shortened title in an ellipsis", () => {
    const lines = footerLines({
      title: "Terapia de infusión para el dolor: qué esperar",
      reviewedLabel: "Última revisión",
      reviewedDate: "28 de noviembre de 2026",
      phoneLabel: "Teléfono",
      phone: "(555) 010-2000",
      paper: "Letter",
      page: "large-print",
      lang: "es",
    });
    // The date is one unit: its spaces do not break.
    expect(lines).toEqual({
      left: ["Terapia de infusión para el dolor…", "Última revisión", "28\u00a0de\u00a0noviembre\u00a0de\u00a02026"],
      right: ["Teléfono (555) 010-2000"],
    });
    const standard = footerLines({
      title: "Infusion therapy for pain: what to expect",
      reviewedLabel: "Last reviewed",
      reviewedDate: "November 28, 2026",
      phoneLabel: "Phone",
      phone: "(555) 010-2000",
      paper: "A4",
      page: "standard",
      lang: "en",
    });
    expect(standard.left).toEqual(["Infusion therapy for pain: what to expect", "Last reviewed November\u00a028,\u00a02026"]);
  });

  it("keeps a phone number whole: its own line first, then a break before the extension, never an ellipsis", () => {
    const fits = byLength(20);
    expect(phoneLines("Phone", "(555) 010-2000", fits, 3)).toEqual(["Phone (555) 010-2000"]);
    expect(phoneLines("Phone", "+1 (555) 010-2000", fits, 3)).toEqual(["Phone", "+1 (555) 010-2000"]);
    expect(phoneLines("Phone", "+1 (555) 010-2000 ext. 12345", fits, 3)).toEqual(["Phone", "+1 (555) 010-2000", "ext. 12345"]);
    expect(phoneLines("Phone", "+1 (555) 010-2000 ext. 12345", fits, 2)).toEqual(["Phone +1 (555)", "010-2000 ext. 12345"]);
  });

  it("breaks text without spaces (Chinese) inside words only where it must, and shortens it by characters", () => {
    expect(wrap("输液治疗止痛：您需要了解的内容", byLength(6), 2, true)).toEqual(["输液治疗止痛", "：您需要了…"]);
    expect(wrap("a 1234567890", byLength(4), Infinity)).toEqual(["a 12", "3456", "7890"]);
  });

  it("never needs more lines than the margin holds, on any paper and print size, for any title and phone the schema allows", () => {
    expect([footerMaxLines("standard"), footerMaxLines("large-print"), footerMaxLines("one-page")]).toEqual([3, 3, 2]);
    const phone = fc
      .stringMatching(/^\+?[0-9A-Za-z ().,-]{3,39}[0-9]$/)
      .map((text) => text.replace(/\s+/g, " ").trim())
      .filter((text) => text.length >= 3 && text.length <= 40);
    const title = fc
      .string({ minLength: 1, maxLength: 160, unit: fc.constantFrom("a", "W", "m", " ", "é", "输", ":", "1") })
      .filter((text) => text.trim() !== "");
    fc.assert(
      fc.property(
        title,
        phone,
        fc.constantFrom("Letter", "A4") as fc.Arbitrary<"Letter" | "A4">,
        fc.constantFrom("standard", "large-print", "one-page") as fc.Arbitrary<keyof typeof FOOTER_PAGES>,
        (title, phone, paper, page) => {
          const lines = footerLines({
            title,
            reviewedLabel: "Última revisión",
            reviewedDate: "28 de noviembre de 2026",
            phoneLabel: "Teléfono",
            phone,
            paper,
            page,
            lang: "es",
          });
          const max = footerMaxLines(page);
          expect(lines.left.length).toBeLessThanOrEqual(max);
          expect(lines.right.length).toBeLessThanOrEqual(max);
          const width = (PAPER_POINTS[paper].width - 2 * FOOTER_PAGES[page].sideMarginMm * MM) * FOOTER_SHARES.left;
          for (const line of lines.left) expect(textWidthEm(line, 400, "es") * FOOTER_PAGES[page].leftSize).toBeLessThanOrEqual(width);
          for (const line of lines.right) expect(textWidthEm(line, 700, "es") * FOOTER_PAGES[page].rightSize).toBeLessThanOrEqual(width);
          // Every character of the phone is printed.
          expect(lines.right.join(" ").replace(/\s+/g, "")).toBe(`Teléfono${phone}`.replace(/\s+/g, ""));
        },
      ),
      { numRuns: 400 },
    );
  });
});
