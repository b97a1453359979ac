import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ManifestEntry } from "../../src/output/manifest.ts";
import { decodeHTML } from "entities";
import { basicSite } from "../helpers/basic-site.ts";
import { BUNDLED_FONT, fontsOf, readPdf } from "../helpers/read-pdf.ts";

// End to end: the real Eleventy build and the real Chromium, PDFs read back with a PDF parser. The fixture clinics
// are built once for the run (tests/global-setup.ts); these tests only read that site. That a second printing
// gives the same bytes is checked by the sharded builds (scale-out.test.ts), which print every handout again.
const { outDir, result } = basicSite();

const LETTER: [number, number] = [612, 792];
const A4: [number, number] = [595, 842];

describe("build", () => {
  it("prints one PDF per clinic × language × handout × print size and lists each in the manifest", async () => {
    expect(result.failures).toEqual([]);
    expect(result.written).toBe(true);
    const manifest = JSON.parse(await readFile(path.join(outDir, "manifest.json"), "utf8"));
    expect(manifest).toEqual(result.manifest);
    const keys = [
      "hilltop/infusion-what-to-expect/en",
      "lakeside/getting-ready-checklist/en",
      "lakeside/getting-ready-checklist/es",
      "lakeside/ketamine-infusion/en",
      "lakeside/ketamine-infusion/es",
    ];
    expect(manifest.handouts.map((entry: ManifestEntry) => `${entry.clinic}/${entry.handout}/${entry.lang}/${entry.variant}`)).toEqual(
      keys.flatMap((key) => [`${key}/standard`, `${key}/large-print`]),
    );
    for (const entry of manifest.handouts) {
      const fixes = entry.clinic === "hilltop" ? ["contrastFixes"] : [];
      const thumbnail = entry.variant === "standard" ? ["thumbnail"] : [];
      expect(Object.keys(entry)).toEqual([
        "clinic",
        "handout",
        "lang",
        "variant",
        "title",
        "html",
        "pdf",
        ...thumbnail,
        "pages",
        "bytes",
        "sha256",
        "reviewed",
        "reviewDue",
        "contentVersion",
        "readingGrade",
        "readability",
        ...(entry.lang === "en" ? [] : ["translation"]),
        ...fixes,
      ]);
      expect(entry.reviewed < entry.reviewDue).toBe(true);
      expect(entry.contentVersion).toMatch(/^[0-9a-f]{8}$/);
      expect(entry.readingGrade).toBeGreaterThan(0);
      expect(entry.readability.formula).toBe(entry.lang === "en" ? "flesch-kincaid" : "inflesz");
      if (entry.lang === "en") expect(entry.readingGrade).toBeLessThanOrEqual(8);
      const suffix = entry.variant === "large-print" ? ".large-print" : "";
      expect(entry.html).toBe(`${entry.clinic}/${entry.lang}/${entry.handout}${suffix}.html`);
      expect(entry.pdf).toBe(`${entry.clinic}/${entry.lang}/${entry.handout}${suffix}.pdf`);
      const pdfBytes = await readFile(path.join(outDir, entry.pdf));
      expect(entry.bytes).toBe(pdfBytes.length);
      expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("prints PDFs on the clinic's paper with its name and phone, titled and tagged in its language", async () => {
    const expectations = [
      {
        pdf: "hilltop/en/infusion-what-to-expect.pdf",
        size: A4,
        name: "Hilltop Infusion Clinic",
        phone: "+44 20 7946 0000",
        lang: "en",
        title: "Infusion therapy for pain: what to expect",
      },
      {
        pdf: "lakeside/en/ketamine-infusion.pdf",
        size: LETTER,
        name: "Lakeside Pain Care",
        phone: "(555) 010-1234",
        lang: "en",
        title: "Ketamine infusion for long-lasting pain",
      },
      {
        pdf: "lakeside/es/ketamine-infusion.pdf",
        size: LETTER,
        name: "Lakeside Pain Care",
        phone: "(555) 010-1234",
        lang: "es",
        title: "Infusión de ketamina para el dolor de larga duración",
      },
      {
        pdf: "lakeside/es/getting-ready-checklist.pdf",
        size: LETTER,
        name: "Lakeside Pain Care",
        phone: "(555) 010-1234",
        lang: "es",
        title: "Cómo prepararse para su infusión: lista de control",
      },
    ];
    for (const expected of expectations) {
      const pdf = await readPdf(path.join(outDir, expected.pdf));
      const entry = result.manifest.handouts.find((handout) => handout.pdf === expected.pdf);
      expect(pdf.pageSize).toEqual(expected.size);
      expect(pdf.pages).toBe(entry?.pages);
      expect(pdf.title).toBe(expected.title);
      expect(entry?.title).toBe(expected.title);
      expect(pdf.author).toBe(expected.name);
      expect(pdf.lang).toBe(expected.lang);
      expect(pdf.tagged).toBe(true);
      expect(pdf.outline[0]).toBe(expected.title);
      expect(pdf.text).toContain(expected.name);
      expect(pdf.text).toContain(expected.phone);
    }
  });

  it("fills clinic notes and hours into the handout, in the handout's language", async () => {
    const english = await readPdf(path.join(outDir, "lakeside/en/ketamine-infusion.pdf"));
    const spanish = await readPdf(path.join(outDir, "lakeside/es/ketamine-infusion.pdf"));
    expect(english.text).toContain("Do not eat for 4 hours before.");
    expect(english.text).toContain("Weekdays, 9 am to 5 pm");
    expect(spanish.text).toContain("No coma durante 4 horas antes.");
    expect(spanish.text).toContain("Entre semana, de 9 a. m. a 5 p. m.");
    expect(spanish.text).toMatch(/Página 1 de\s*\d/);
    // The clinic without notes gets general wording, never an empty heading.
    const hilltop = await readPdf(path.join(outDir, "hilltop/en/infusion-what-to-expect.pdf"));
    expect(hilltop.text).toContain("Call us before your visit to ask if you may eat or drink");
  });

  it("makes every PDF accessible: tagged, titled, in its language, bookmarked by its headings, fonts embedded, on its paper, large enough", async () => {
    for (const entry of result.manifest.handouts) {
      const file = path.join(outDir, entry.pdf);
      const pdf = await readPdf(file);
      expect(pdf.tagged, entry.pdf).toBe(true);
      expect(pdf.title, entry.pdf).toBe(entry.title);
      expect(pdf.lang, entry.pdf).toBe(entry.lang);
      expect(pdf.pageSize, entry.pdf).toEqual(entry.clinic === "hilltop" ? A4 : LETTER);
      const fonts = fontsOf(file);
      expect(fonts.length, entry.pdf).toBeGreaterThan(0);
      // Atkinson Hyperlegible for the text; Noto for the language-help taglines in other scripts.
      for (const font of fonts) expect(font, entry.pdf).toEqual({ name: expect.stringMatching(BUNDLED_FONT), embedded: true });
      expect(fonts.map((font) => font.name).join(" "), entry.pdf).toMatch(/AtkinsonHyperlegible/);
      // Bookmarks: the title first, then every heading that is printed, in order.
      const html = await readFile(path.join(outDir, entry.html), "utf8");
      const headings = [...html.matchAll(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g)].map((match) =>
        decodeHTML((match[2] as string).replace(/<[^>]+>/g, "")).trim(),
      );
      expect(pdf.outline[0], entry.pdf).toBe(entry.title);
      expect(headings, entry.pdf).toEqual(expect.arrayContaining(pdf.outline));
      if (entry.handout !== "getting-ready-checklist" || entry.variant === "large-print")
        expect(pdf.outline.length, entry.pdf).toBeGreaterThanOrEqual(4);
      // A one-page sheet's front is the handout; its back holds the language-help taglines in smaller type.
      const oneSided = entry.handout === "getting-ready-checklist" && entry.variant === "standard";
      const bodySize = oneSided ? pdf.bodyFontSizes[0] : pdf.bodyFontSize;
      expect(bodySize, entry.pdf).toBeGreaterThanOrEqual(entry.variant === "large-print" ? 16 : 12);
    }
  });

  it("prints a QR code and the short address of each handout's web page when the site's address is set", async () => {
    const html = await readFile(path.join(outDir, "lakeside/es/ketamine-infusion.html"), "utf8");
    expect(html).toMatch(
      /<div class="online-link__code" aria-hidden="true"><svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 \d+ \d+"/,
    );
    const pdf = await readPdf(path.join(outDir, "lakeside/es/ketamine-infusion.pdf"));
    expect(pdf.text.replace(/\s+/g, "")).toContain("lakeside.clinic/handouts/lakeside/es/ketamine-infusion.html");
    expect(pdf.text).toContain("Lea esta hoja en internet");
    const largePrint = await readPdf(path.join(outDir, "lakeside/en/getting-ready-checklist.large-print.pdf"));
    expect(largePrint.text.replace(/\s+/g, "")).toContain("lakeside.clinic/handouts/lakeside/en/getting-ready-checklist.large-print.html");
  });

  it("makes a JPEG of each standard PDF's first page, shown on the clinic page and in the report", async () => {
    const standard = result.manifest.handouts.filter((entry) => entry.variant === "standard");
    expect(standard).toHaveLength(5);
    for (const entry of standard) {
      const jpeg = await readFile(path.join(outDir, entry.thumbnail as string));
      // A4 is taller than Letter.
      expect(jpegSize(jpeg)).toEqual({ width: 200, height: entry.clinic === "hilltop" ? 284 : 259 });
    }
    expect(result.manifest.handouts.find((entry) => entry.clinic === "hilltop")?.contrastFixes).toEqual([
      "brand.primary #FFD700 → #8F7400",
    ]);
    const clinicPage = await readFile(path.join(outDir, "lakeside/index.html"), "utf8");
    expect(clinicPage).toMatch(/<img class="card__thumbnail" src="en\/ketamine-infusion\.jpg" alt="" width="200" height="259"/);
    const report = await readFile(path.join(outDir, "report.html"), "utf8");
    expect(result.reportFile).toBe(path.join(outDir, "report.html"));
    for (const entry of result.manifest.handouts) {
      if (entry.variant === "standard") expect(report).toContain(`<img src="${entry.thumbnail}"`);
      else expect(entry.thumbnail).toBeUndefined();
      expect(report).toContain(`href="${entry.pdf}"`);
    }
    expect(report).toMatch(/10 handouts: 10 printed, 0 reused from cache,\s+0 failed/);
    expect(report).toContain("brand.primary #FFD700 → #8F7400");
    for (const page of ["index.html", "lakeside/index.html", "lakeside/en/ketamine-infusion.html"]) {
      expect(await readFile(path.join(outDir, page), "utf8"), page).not.toContain("report.html"); // staff only
    }
  });

  it("writes a home page, a page per clinic, and handout pages whose links all lead to files that exist", async () => {
    const pages = ["index.html", "hilltop/index.html", "lakeside/index.html", ...result.manifest.handouts.map((entry) => entry.html)];
    for (const page of pages) {
      const html = await readFile(path.join(outDir, page), "utf8");
      const links = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((match) => match[1] as string);
      for (const link of links.filter((href) => !/^(?:https?:|tel:|mailto:|#)/.test(href))) {
        expect(link, `${page} links to ${link}`).not.toMatch(/^\//);
        await expect(stat(path.join(outDir, path.dirname(page), link)), `${page} → ${link}`).resolves.toBeTruthy();
      }
    }
    const handoutPage = await readFile(path.join(outDir, "lakeside/en/ketamine-infusion.html"), "utf8");
    expect(handoutPage).toContain('href="ketamine-infusion.pdf"');
    expect(handoutPage).toContain('<html lang="en" dir="ltr">');
    const clinicPage = await readFile(path.join(outDir, "lakeside/index.html"), "utf8");
    expect(clinicPage).toContain('href="en/ketamine-infusion.html"');
    expect(clinicPage).toContain('href="es/getting-ready-checklist.pdf"');
    const home = await readFile(path.join(outDir, "index.html"), "utf8");
    expect(home).toContain('href="lakeside/index.html"');
    expect(home).toContain('href="hilltop/index.html"');
  });

  it("publishes only the handouts a clinic lists, and its clinic page lists only those", async () => {
    const files = (await readdir(path.join(outDir, "lakeside"), { recursive: true })).filter((file) => /\.(?:html|pdf)$/.test(file)).sort();
    const handoutFiles = ["getting-ready-checklist", "ketamine-infusion"].flatMap((id) => [
      `${id}.html`,
      `${id}.large-print.html`,
      `${id}.large-print.pdf`,
      `${id}.pdf`,
    ]);
    // The clinic's page, and one page in each of its languages.
    const languageFiles = (lang: string) =>
      [...handoutFiles.slice(0, 4), "index.html", ...handoutFiles.slice(4)].map((file) => `${lang}/${file}`);
    expect(files).toEqual([...languageFiles("en"), ...languageFiles("es"), "index.html"]);
    const clinicPage = await readFile(path.join(outDir, "lakeside/index.html"), "utf8");
    // Its page in English first, then the handouts.
    expect([...clinicPage.matchAll(/href="en\/([a-z-]+)\.html"/g)].map((match) => match[1])).toEqual([
      "index",
      "ketamine-infusion",
      "getting-ready-checklist",
    ]);
    const hilltopPage = await readFile(path.join(outDir, "hilltop/index.html"), "utf8");
    expect([...hilltopPage.matchAll(/href="en\/([a-z-]+)\.html"/g)].map((match) => match[1])).toEqual(["infusion-what-to-expect"]);
  });

  it("fits the checklist on one page, with tick boxes and blanks, and the language help on its back", async () => {
    for (const lang of ["en", "es"]) {
      const pdf = await readPdf(path.join(outDir, `lakeside/${lang}/getting-ready-checklist.pdf`));
      // The taglines start a page of their own, so two pages in all means the front fitted on one.
      expect(pdf.pages, lang).toBe(2);
      expect(pdf.text.split("\n").slice(-40).join(" "), lang).toContain("Kung nagsasalita ka ng Tagalog");
    }
    const html = await readFile(path.join(outDir, "lakeside/en/getting-ready-checklist.html"), "utf8");
    expect(html).toMatch(/<div class="checklist">\s*<ul>\s*<li>I have a list of all my medicines/);
    expect(html).toContain('My driver\'s name and phone: <span class="blank"></span>');
    expect(result.warnings.filter((warning) => warning.includes("one page"))).toEqual([]);
  });

  it("darkens a brand colour that fails contrast and says so", async () => {
    expect(result.warnings).toEqual([
      expect.stringMatching(/hilltop\.json: brand\.primary: #FFD700 is too light .* using the nearest darker shade #[0-9A-F]{6}/),
    ]);
    const css = await readFile(path.join(outDir, "hilltop/brand.css"), "utf8");
    expect(css).not.toContain("#FFD700");
    expect(css).toContain("size: A4");
  });
});

/** Width and height from a JPEG's start-of-frame segment; throws when the bytes are not a JPEG. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.readUInt16BE(0) !== 0xffd8) throw new Error("not a JPEG");
  for (let offset = 2; offset < bytes.length; offset += 2 + bytes.readUInt16BE(offset + 2)) {
    const marker = bytes.readUInt16BE(offset);
    // SOF0 to SOF15, except DHT (C4), JPG (C8) and DAC (CC), carry the frame's size.
    if (marker >= 0xffc0 && marker <= 0xffcf && ![0xffc4, 0xffc8, 0xffcc].includes(marker)) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
  }
  throw new Error("no frame header in the JPEG");
}
