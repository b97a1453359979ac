// `npm run bench`: how fast the build prints, as ratios against a bare Puppeteer loop in the same run.
// Options: --clinics N (100), --memory-clinics N (300), --sample N (10), --concurrency N (cores), --rounds N (2), --json FILE.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PDF_OPTIONS } from "../src/printing/print-pdfs.ts";
import { closeBrowser, launchBrowser } from "../src/printing/launch-browser.ts";
import { PACKAGE_ROOT } from "../src/package.ts";
import { writeSyntheticClinics } from "./synthetic-clinics.ts";

const { values } = parseArgs({
  options: {
    clinics: { type: "string", default: "100" },
    "memory-clinics": { type: "string", default: "300" },
    sample: { type: "string", default: "10" },
    concurrency: { type: "string", default: String(os.availableParallelism()) },
    rounds: { type: "string", default: "2" },
    json: { type: "string", default: "bench-results.json" },
  },
});
const clinics = Number(values.clinics);
const memoryClinics = Number(values["memory-clinics"]);
const sample = Number(values.sample);
const concurrency = Number(values.concurrency);
const rounds = Math.max(1, Number(values.rounds));
const BIN = path.join(PACKAGE_ROOT, "bin", "handouts.js");

interface Run {
  seconds: number;
  /** Peak resident memory of the build and its Chromium processes together, in MB. */
  peakMb: number;
}

/** The build's process and every Chromium it owns (they carry its pid in a marker argument). */
async function processTree(pid: number): Promise<number[]> {
  const pids = [pid];
  for (const entry of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry) || Number(entry) === pid) continue;
    const command = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (command.includes(`--clinic-handouts-owner=${pid}`)) pids.push(Number(entry));
  }
  return pids;
}

/** Resident memory (MB) of these processes together, read from /proc. */
async function residentMb(pids: readonly number[]): Promise<number> {
  let kilobytes = 0;
  for (const pid of pids) {
    const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
    kilobytes += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return kilobytes / 1024;
}

/** Run `handouts build` as a user would, timing it and sampling its memory. */
async function timedBuild(args: string[]): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "build", "--concurrency", String(concurrency), ...args], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, CI: "1" },
  });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  let peakMb = 0;
  // Sampling must not steal the CPU it measures: the process list is read once a second, memory five times.
  let pids: number[] = [child.pid as number];
  const lister = setInterval(() => void processTree(child.pid as number).then((found) => (pids = found)), 1000);
  const sampler = setInterval(() => void residentMb(pids).then((mb) => (peakMb = Math.max(peakMb, mb))), 200);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearInterval(lister);
  clearInterval(sampler);
  if (code !== 0) throw new Error(`build exited ${code}:\n${errors}`);
  return { seconds: (performance.now() - started) / 1000, peakMb };
}

/** The reference: one browser, the same concurrency, goto and pdf, nothing else. */
async function bareLoop(htmlFiles: string[], outDir: string): Promise<number> {
  await mkdir(outDir, { recursive: true });
  const started = performance.now();
  const browser = await launchBrowser();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const page = await browser.newPage();
      try {
        while (next < htmlFiles.length) {
          const index = next++;
          await page.goto(`file://${htmlFiles[index]}`, { waitUntil: "load" });
          await writeFile(path.join(outDir, `${index}.pdf`), await page.pdf(PDF_OPTIONS));
        }
      } finally {
        await page.close();
      }
    }),
  );
  await closeBrowser(browser);
  return (performance.now() - started) / 1000;
}

/** The naive way: a browser launched and closed for every PDF, on a sample. Seconds per PDF. */
async function browserPerPdf(htmlFiles: string[], outDir: string): Promise<number> {
  await mkdir(outDir, { recursive: true });
  const started = performance.now();
  for (const [index, file] of htmlFiles.entries()) {
    const browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(`file://${file}`, { waitUntil: "load" });
    await writeFile(path.join(outDir, `naive-${index}.pdf`), await page.pdf(PDF_OPTIONS));
    await closeBrowser(browser);
  }
  return (performance.now() - started) / 1000 / htmlFiles.length;
}

/** Let the disk catch up, so one measurement does not pay for the writes of the one before. */
const settle = () =>
  new Promise<void>((resolve) =>
    spawn("sync")
      .on("exit", () => resolve())
      .on("error", () => resolve()),
  );

const work = await mkdtemp(path.join(os.tmpdir(), "handouts-bench-"));
try {
  const data = path.join(work, "data");
  await writeSyntheticClinics(path.join(PACKAGE_ROOT, "data"), data, clinics);
  console.log(`Benchmark: ${clinics} clinics, concurrency ${concurrency}, ${os.availableParallelism()} cores, best of ${rounds} rounds`);

  // (a) and (b) alternate, so a slow moment of the machine does not fall on one side only; the best of each counts.
  const colds: Run[] = [];
  const bares: number[] = [];
  let htmlFiles: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    const out = path.join(work, `site-${round}`);
    await settle();
    colds.push(await timedBuild(["--data", data, "--out", out, "--cache-dir", path.join(work, `cache-${round}`)]));
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")) as { handouts: { html: string }[] };
    htmlFiles = manifest.handouts.map((entry) => path.join(out, entry.html));
    console.log(`  round ${round}: (a) full cold build ${htmlFiles.length} PDFs in ${(colds.at(-1) as Run).seconds.toFixed(1)} s`);
    await settle();
    bares.push(await bareLoop(htmlFiles, path.join(work, `bare-${round}`)));
    console.log(`  round ${round}: (b) bare Puppeteer loop ${(bares.at(-1) as number).toFixed(1)} s`);
  }
  const pdfs = htmlFiles.length;
  const cold: Run = { seconds: Math.min(...colds.map((run) => run.seconds)), peakMb: Math.max(...colds.map((run) => run.peakMb)) };
  const bare = Math.min(...bares);

  await settle();
  const naivePerPdf = await browserPerPdf(htmlFiles.slice(0, sample), path.join(work, "naive"));
  console.log(`  (c) one browser per PDF: ${(naivePerPdf * 1000).toFixed(0)} ms per PDF on ${sample}`);

  const changed = path.join(data, "clinics", "clinic-0001.json");
  const clinic = JSON.parse(await readFile(changed, "utf8"));
  clinic.contact.phone = "(555) 019-9999";
  await writeFile(changed, JSON.stringify(clinic));
  await settle();
  const rebuild = await timedBuild([
    "--data",
    data,
    "--out",
    path.join(work, `site-${rounds}`),
    "--cache-dir",
    path.join(work, `cache-${rounds}`),
  ]);
  console.log(`  (d) rebuild after one clinic changed: ${rebuild.seconds.toFixed(1)} s`);

  const bigData = path.join(work, "data-big");
  await writeSyntheticClinics(path.join(PACKAGE_ROOT, "data"), bigData, memoryClinics);
  await settle();
  const big = await timedBuild(["--data", bigData, "--out", path.join(work, "site-big"), "--cache-dir", path.join(work, "cache-big")]);
  console.log(`  memory: ${memoryClinics} clinics built in ${big.seconds.toFixed(1)} s, peak ${big.peakMb.toFixed(0)} MB`);

  const results = {
    clinics,
    pdfs,
    concurrency,
    cores: os.availableParallelism(),
    rounds: { fullBuildSeconds: colds.map((run) => run.seconds), bareLoopSeconds: bares },
    fullBuild: { seconds: cold.seconds, pdfsPerSecond: pdfs / cold.seconds, peakMb: cold.peakMb },
    bareLoop: { seconds: bare, pdfsPerSecond: pdfs / bare },
    browserPerPdf: { sample, secondsPerPdf: naivePerPdf, pdfsPerSecond: 1 / naivePerPdf },
    rebuildOneClinic: { seconds: rebuild.seconds },
    memory: { clinics: memoryClinics, peakMb: big.peakMb, baselineClinics: clinics, baselinePeakMb: cold.peakMb },
    ratios: {
      fullBuildToBareLoop: cold.seconds / bare,
      rebuildToFullBuild: rebuild.seconds / cold.seconds,
      memoryBigToBaseline: big.peakMb / cold.peakMb,
      browserPerPdfToBareLoop: naivePerPdf / (bare / pdfs),
    },
    targets: {
      fullBuildToBareLoop: { limit: 1.15, met: cold.seconds / bare <= 1.15 },
      rebuildToFullBuild: { limit: 0.2, met: rebuild.seconds / cold.seconds <= 0.2 },
      memoryBigToBaseline: { limit: 1.5, met: big.peakMb / cold.peakMb <= 1.5 },
    },
  };
  const row = (name: string, seconds: string, rate: string, ratio: string) =>
    `| ${name.padEnd(34)} | ${seconds.padStart(9)} | ${rate.padStart(7)} | ${ratio.padStart(22)} |`;
  console.log("");
  console.log(row("measure", "seconds", "PDFs/s", "ratio"));
  console.log(row("-".repeat(34), "-".repeat(9), "-".repeat(7), "-".repeat(22)));
  console.log(row(`(b) bare Puppeteer loop`, bare.toFixed(1), (pdfs / bare).toFixed(1), "1.00"));
  console.log(
    row(
      `(a) full cold build`,
      cold.seconds.toFixed(1),
      (pdfs / cold.seconds).toFixed(1),
      `${results.ratios.fullBuildToBareLoop.toFixed(2)} × (b), target ≤ 1.15`,
    ),
  );
  console.log(
    row(
      `(c) one browser per PDF (${sample})`,
      (naivePerPdf * pdfs).toFixed(1),
      (1 / naivePerPdf).toFixed(1),
      `${results.ratios.browserPerPdfToBareLoop.toFixed(1)} × (b)`,
    ),
  );
  console.log(
    row(
      `(d) rebuild, one clinic changed`,
      rebuild.seconds.toFixed(1),
      "",
      `${results.ratios.rebuildToFullBuild.toFixed(2)} × (a), target ≤ 0.2`,
    ),
  );
  console.log(
    row(
      `peak memory ${clinics} → ${memoryClinics} clinics`,
      "",
      "",
      `${cold.peakMb.toFixed(0)} → ${big.peakMb.toFixed(0)} MB = ${results.ratios.memoryBigToBaseline.toFixed(2)} ×, ≤ 1.5`,
    ),
  );
  await writeFile(values.json, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${values.json}. Targets met: ${Object.values(results.targets).every((target) => target.met) ? "all" : "not all"}.`);
} finally {
  await rm(work, { recursive: true, force: true });
}
