import { describe, expect, it } from "vitest";
import { cssString, pageCounterContent } from "../../src/render/css-text.ts";

describe("cssString", () => {
  it("quotes any text as a CSS string, escaping quotes, backslashes, line breaks and angle brackets as code points", () => {
    expect(cssString("Lakeside Pain Care")).toBe('"Lakeside Pain Care"');
    expect(cssString('Say "hi"\\ <b>\nnext')).toBe('"Say \\22 hi\\22 \\5c  \\3c b\\3e \\a next"');
    // Nothing a clinic writes can close the string, the rule or a <style> element.
    for (const text of ['"; } body { display: none', "</style><script>", "a\r\fb"]) {
      const quoted = cssString(text);
      expect(quoted.slice(1, -1), text).not.toMatch(/["<>\n\r\f]/);
    }
  });

  it("leaves other characters as they are", () => {
    expect(cssString("Página 1 de 7 · صفحة · 第 1 页")).toBe('"Página 1 de 7 · صفحة · 第 1 页"');
  });
});

describe("pageCounterContent", () => {
  it("turns {page} and {pages} into counters and the words around them into strings, in any language's order", () => {
    expect(pageCounterContent("Page {page} of {pages}")).toBe('"Page " counter(page) " of " counter(pages)');
    expect(pageCounterContent("{page}/{pages}")).toBe('counter(page) "/" counter(pages)');
    expect(pageCounterContent("صفحة {page} من {pages}")).toBe('"صفحة " counter(page) " من " counter(pages)');
    expect(pageCounterContent("第 {page} 页，共 {pages} 页")).toBe('"第 " counter(page) " 页，共 " counter(pages) " 页"');
  });

  it("escapes the words as cssString does", () => {
    expect(pageCounterContent('"{page}"')).toBe('"\\22 " counter(page) "\\22 "');
  });
});
