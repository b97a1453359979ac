import { describe, expect, it } from "vitest";
import { outputPaths, relativeHref } from "../src/paths.ts";

describe("relativeHref", () => {
  it("links between pages with relative paths, so the site works under any sub-path", () => {
    expect(relativeHref("/index.html", outputPaths.clinicPage("a"))).toBe("a/index.html");
    expect(relativeHref("/a/index.html", outputPaths.handoutPage("a", "es", "h"))).toBe("es/h.html");
    expect(relativeHref("/a/es/h.html", outputPaths.handoutPdf("a", "es", "h"))).toBe("h.pdf");
    expect(relativeHref("/a/es/h.html", outputPaths.asset("site.css"))).toBe("../../assets/site.css");
    expect(relativeHref("/a/es/h.html", outputPaths.handoutPage("a", "en", "h"))).toBe("../en/h.html");
    expect(relativeHref("/a/", "a/index.html")).toBe("index.html");
  });
});
