import { describe, expect, it } from "vitest";
import { gradeForEase, measureReadability, textOfHtml } from "../../src/content/reading-grade.ts";

describe("textOfHtml", () => {
  it("gives the words a patient reads, each block ending a sentence, entities decoded, blocks without letters dropped", () => {
    const html =
      "<h2>Before you come</h2><p>Eat a light meal &amp; drink <strong>water</strong></p>" +
      "<ul><li>Bring your list.</li><li>Ask: why?</li></ul><div>  </div><p>12</p>";
    expect(textOfHtml(html)).toBe("Before you come. Eat a light meal & drink water. Bring your list. Ask: why?");
  });
});

describe("measureReadability", () => {
  it("scores English with Flesch-Kincaid: 0.39 × words per sentence + 11.8 × syllables per word − 15.59", () => {
    // 8 words, 2 sentences, 12 syllables (ke-ta-mine, med-i-cine): 0.39 × 4 + 11.8 × 1.5 − 15.59 = 3.67.
    expect(measureReadability("<p>Ketamine is a medicine. It can ease pain.</p>", "en")).toEqual({
      formula: "flesch-kincaid",
      grade: 3.7,
      words: 8,
      sentences: 2,
    });
  });

  it("counts a heading or list item without a full stop as a sentence of its own", () => {
    const listed = measureReadability("<h2>Bring</h2><ul><li>your list</li><li>your card</li></ul>", "en");
    expect(listed).toMatchObject({ words: 5, sentences: 3 });
  });

  it("scores Spanish with INFLESZ (Szigriszt-Pazos perspicuity), and gives its grade from Flesch's table", () => {
    // 6 words, 2 sentences, 10 syllables (ga-to, co-me, pe-rro, co-rre): 206.835 − 62.3 × 10/6 − 6/2 = 100.0.
    expect(measureReadability("<p>El gato come. El perro corre.</p>", "es")).toEqual({
      formula: "inflesz",
      grade: 4,
      ease: 100,
      words: 6,
      sentences: 2,
    });
    // Longer words and sentences read harder: lower ease, higher grade.
    const harder = measureReadability(
      "<p>La administración intravenosa necesita una evaluación cardiovascular preliminar exhaustiva y comprensiva.</p>",
      "es",
    );
    expect(harder?.ease).toBeLessThan(40);
    expect(harder?.grade).toBeGreaterThan(12);
  });

  it("gives nothing for a language without a formula, or for a text without words", () => {
    expect(measureReadability("<p>Xin chào.</p>", "vi")).toBeUndefined();
    expect(measureReadability("<p> </p><p>12</p>", "en")).toBeUndefined();
  });
});

describe("gradeForEase", () => {
  it("follows Flesch's table, interpolating between its rows, and clamps ease to 0–100", () => {
    expect([100, 90, 80, 70, 60, 50, 30, 0].map(gradeForEase)).toEqual([4, 5, 6, 7, 9, 12, 16, 18]);
    expect(gradeForEase(95)).toBe(4.5);
    expect(gradeForEase(65)).toBe(8);
    expect(gradeForEase(40)).toBe(14);
    expect(gradeForEase(120)).toBe(4);
    expect(gradeForEase(-5)).toBe(18);
  });
});
