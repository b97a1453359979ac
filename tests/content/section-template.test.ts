import { describe, expect, it } from "vitest";
import { renderNote } from "../../src/content/clinic-notes.ts";
import { compileSection, trustedHtml } from "../../src/content/section-template.ts";

describe("compileSection", () => {
  it("renders Markdown, fills clinic values escaped, and never evaluates template syntax inside them", () => {
    const template = compileSection('**Call {{ clinic.name }}** at {{ clinic.phone | default("none") }}.', "test.md");
    const html = template.render({ clinic: { name: "<script>alert(1)</script> {{ 7*7 }}", phone: "555" } });
    expect(html).toBe("<p><strong>Call &lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}</strong> at 555.</p>\n");
  });

  it("unwraps a template tag that stands alone in its paragraph, so block notes nest correctly", () => {
    const template = compileSection("{% if note %}\n\n{{ note }}\n\n{% else %}\n\nAsk us.\n\n{% endif %}", "test.md");
    expect(template.render({ note: trustedHtml("<ul><li>ID</li></ul>") }).trim()).toBe("<ul><li>ID</li></ul>");
    expect(template.render({ note: null }).trim()).toBe("<p>Ask us.</p>");
  });

  it("fails loudly on a misspelt variable instead of printing nothing", () => {
    const template = compileSection("Call {{ clinic.phnoe }}.", "test.md");
    expect(() => template.render({ clinic: { phone: "555" } })).toThrow(/undefined|null/);
  });
});

describe("renderNote", () => {
  it("allows emphasis, lists and web, phone and mail links", () => {
    expect(renderNote("Bring **ID**:\n\n- list\n- [map](https://example.org) or [call](tel:5550100)")).toBe(
      '<p>Bring <strong>ID</strong>:</p>\n<ul>\n<li>list</li>\n<li><a href="https://example.org">map</a> or <a href="tel:5550100">call</a></li>\n</ul>',
    );
  });

  it("shows raw HTML as text and drops images and other link schemes", () => {
    const html = renderNote(
      '<img src=x onerror=alert(1)> ![x](file:///etc/passwd) [y](javascript:alert(1)) <iframe src="http://127.0.0.1/">',
    );
    expect(html).not.toMatch(/<img|<iframe|href="javascript|src="file/);
    // A picture with a web address keeps only its description; one with a file: address stays as the text typed.
    expect(html).toBe(
      "<p>&lt;img src=x onerror=alert(1)&gt; ![x](file:///etc/passwd) [y](javascript:alert(1)) &lt;iframe src=&quot;http://127.0.0.1/&quot;&gt;</p>",
    );
    expect(renderNote("See ![the map](https://example.org/map.png).")).toBe("<p>See the map.</p>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});
