import { describe, expect, it } from "vitest";
import { escapeHtml, localize, telHref } from "../../src/content/render-handout.ts";

describe("telHref", () => {
  it("dials the digits of a number as written, keeping a leading +", () => {
    expect(telHref("(555) 010-2000")).toBe("tel:5550102000");
    expect(telHref("+44 20 7946 0000")).toBe("tel:+442079460000");
    expect(telHref("555.010.2000")).toBe("tel:5550102000");
  });

  it("drops an extension at the end, however it is written", () => {
    expect(telHref("(555) 010-2000 ext. 123")).toBe("tel:5550102000");
    expect(telHref("(555) 010-2000 Ext 123")).toBe("tel:5550102000");
    expect(telHref("555 0100 x12")).toBe("tel:5550100");
  });

  it("dials the letters of a vanity number as a phone's keypad does", () => {
    expect(telHref("1-800-FLOWERS")).toBe("tel:18003569377");
    expect(telHref("1-800-pqrs-tuv")).toBe("tel:18007777888");
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters that could open a tag or leave an attribute, as numeric references", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
    expect(escapeHtml("Terapia de infusión (sin cambios)")).toBe("Terapia de infusión (sin cambios)");
  });
});

describe("localize", () => {
  it("gives one text for all languages in the language asked for", () => {
    expect(localize("Free parking", "es")).toEqual({ text: "Free parking", lang: "es" });
  });

  it("gives the language's own text, or falls back to English marked as English", () => {
    expect(localize({ en: "Weekdays", es: "Entre semana" }, "es")).toEqual({ text: "Entre semana", lang: "es" });
    expect(localize({ en: "Weekdays" }, "es")).toEqual({ text: "Weekdays", lang: "en" });
  });

  it("gives nothing when neither the language nor English is there", () => {
    expect(localize({ es: "Entre semana" }, "vi")).toBeUndefined();
  });
});
