import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RelaunchingBrowser } from "../../src/printing/browser-source.ts";
import { launchBrowser } from "../../src/printing/launch-browser.ts";
import { printPdfs, type PrintJob, type PrintOptions } from "../../src/printing/print-pdfs.ts";
import { readPdf } from "../helpers/read-pdf.ts";
import { tempDir } from "../helpers/temp-data.ts";

// `npm run test:slow`: Chromium killed outright while it prints (each test launches its own and waits for the moment).

const metadata = { title: "T", author: "A", subject: "S", keywords: ["k"], lang: "en", date: new Date("2026-01-01T00:00:00Z") };

async function job(site: string, name: string, html: string): Promise<PrintJob> {
  const htmlFile = path.join(site, `${name}.html`);
  await writeFile(htmlFile, html);
  return { htmlFile, pdfFile: path.join(site, `${name}.pdf`), metadata };
}

const options = (site: string, overrides: Partial<PrintOptions> = {}): PrintOptions => ({
  concurrency: 2,
  timeoutMs: 5_000,
  maxPages: 40,
  allowedRoot: site,
  ...overrides,
});

describe("printPdfs when Chromium crashes", () => {
  const pages = async (prefix: string) => {
    const site = path.join(await tempDir(), "site");
    await mkdir(site);
    const jobs = await Promise.all(
      Array.from({ length: 6 }, (_unused, index) =>
        job(site, `${prefix}-${index}`, `<!doctype html><html lang="en"><title>T</title><h1>Page ${index}</h1>`),
      ),
    );
    return { site, jobs };
  };

  it("starts a new browser it launched itself and prints again the handouts that were in flight: none fails", async () => {
    const crashes: number[] = [];
    const source = new RelaunchingBrowser(launchBrowser, (count) => crashes.push(count));
    const first = await source.current();
    const { site, jobs } = await pages("crash");
    try {
      let printed = 0;
      // Killed outright once the first PDF is out, while the other tab is printing.
      const outcomes = await printPdfs(
        source,
        jobs,
        options(site, { onOutcome: () => void (++printed === 1 && first.process()?.kill("SIGKILL")) }),
      );
      expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
      expect(crashes).toEqual([1]);
      for (const { pdfFile } of jobs) expect((await readPdf(pdfFile)).pages).toBe(1);
    } finally {
      await source.close();
    }
  });

  it("fails the rest clearly, at once, when a browser it was given crashes", async () => {
    const given = await launchBrowser();
    let printed = 0;
    const started = performance.now();
    const { site, jobs } = await pages("given");
    const outcomes = await printPdfs(
      given,
      jobs,
      options(site, { concurrency: 1, onOutcome: () => void (++printed === 1 && given.process()?.kill("SIGKILL")) }),
    );
    expect(outcomes[0]?.ok).toBe(true);
    const failed = outcomes.filter((outcome) => !outcome.ok);
    expect(failed.length).toBeGreaterThanOrEqual(4);
    for (const outcome of failed)
      expect(outcome.ok === false && outcome.error).toMatch(
        /closed or crashed; this build cannot restart it|Connection closed|Target closed/,
      );
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
