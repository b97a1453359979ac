import { describe, expect, it } from "vitest";
import { absoluteUrl, outputPaths, relativeHref } from "../src/paths.ts";

describe("outputPaths", () => {
  it("puts a clinic's pages, PDFs and stylesheets under its slug and language, large print beside standard", () => {
    expect(outputPaths.clinicPage("lakeside")).toBe("lakeside/index.html");
    expect(outputPaths.handoutPage("lakeside", "es", "side-effects")).toBe("lakeside/es/side-effects.html");
    expect(outputPaths.handoutPage("lakeside", "es", "side-effects", "large-print")).toBe("lakeside/es/side-effects.large-print.html");
    expect(outputPaths.handoutPdf("lakeside", "es", "side-effects")).toBe("lakeside/es/side-effects.pdf");
    expect(outputPaths.handoutPdf("lakeside", "es", "side-effects", "large-print")).toBe("lakeside/es/side-effects.large-print.pdf");
    expect(outputPaths.handoutThumbnail("lakeside", "es", "side-effects")).toBe("lakeside/es/side-effects.jpg");
    expect(outputPaths.printStylesheet("lakeside", "es", "side-effects", "large-print")).toBe(
      "lakeside/es/side-effects.large-print.print.css",
    );
    expect(outputPaths.brandStylesheet("lakeside")).toBe("lakeside/brand.css");
    expect(outputPaths.logo("lakeside", "png")).toBe("lakeside/logo.png");
    expect(outputPaths.asset("site.css")).toBe("assets/site.css");
    expect([outputPaths.manifest(), outputPaths.report()]).toEqual(["manifest.json", "report.html"]);
  });
});

describe("relativeHref", () => {
  it("links between pages with relative paths, so the site works under any sub-path", () => {
    expect(relativeHref("/index.html", outputPaths.clinicPage("a"))).toBe("a/index.html");
    expect(relativeHref("/a/index.html", outputPaths.handoutPage("a", "es", "h"))).toBe("es/h.html");
    expect(relativeHref("/a/es/h.html", outputPaths.handoutPdf("a", "es", "h"))).toBe("h.pdf");
    expect(relativeHref("/a/es/h.html", outputPaths.asset("site.css"))).toBe("../../assets/site.css");
    expect(relativeHref("/a/es/h.html", outputPaths.handoutPage("a", "en", "h"))).toBe("../en/h.html");
    expect(relativeHref("/a/", "a/index.html")).toBe("index.html");
  });

  it("links a page to its own folder as ./", () => {
    expect(relativeHref("/a/", "a")).toBe("./");
  });
});

describe("absoluteUrl", () => {
  it("gives an output path's published address under the site's address, at the root or under a sub-path", () => {
    expect(absoluteUrl("https://lakeside.clinic/", "lakeside/es/h.html")).toBe("https://lakeside.clinic/lakeside/es/h.html");
    expect(absoluteUrl("https://lakeside.clinic/handouts/", "lakeside/es/h.html")).toBe(
      "https://lakeside.clinic/handouts/lakeside/es/h.html",
    );
  });
});
