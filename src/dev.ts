import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import EleventyDevServer from "@11ty/eleventy-dev-server";
import chokidar, { type FSWatcher } from "chokidar";
import type { Browser } from "puppeteer-core";
import { type BuildOptions } from "./build.ts";
import { loadInputs } from "./load-inputs.ts";
import { DEFAULT_LIBRARY, DEFAULTS } from "./package.ts";
import { InputError, LibraryError } from "./errors.ts";
import { claimOutputFolder, writeOutputMarker } from "./output/output-folder.ts";
import { closeBrowser, launchBrowser } from "./printing/launch-browser.ts";
import { printHandouts } from "./printing/print-handouts.ts";
import { renderSite } from "./render/render-site.ts";

export interface DevOptions extends Pick<BuildOptions, "dataDir" | "library" | "select" | "concurrency"> {
  /** Port of the preview; 0 picks a free one. Default: 8080 (the next free one when taken). */
  port?: number;
  /** Where the preview's site and print cache live. Default: .cache/dev. */
  workDir?: string;
  /** Told of every rebuild, render and print (plain lines for the terminal). */
  log?: (line: string) => void;
}

export interface DevServer {
  /** The preview's address, like http://localhost:8080/. */
  url: string;
  /** Resolves when the work started by the latest change (render, then printing) is done. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Saves come in bursts (editors write twice, a checkout touches many files): wait for quiet. */
const QUIET_MS = 150;

/**
 * Preview the site with live reload: render on start and on every save of a clinic file, logo,
 * section, template or handout definition; reload the browser; then re-print in the background
 * only the PDFs whose page or files changed (the print cache knows which), and reload again.
 * Resolves once the server listens and the pages are rendered; the first PDFs print after.
 */
export async function dev(options: DevOptions = {}): Promise<DevServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const workDir = path.resolve(options.workDir ?? path.join(".cache", "dev"));
  // Replaced whole on start, so it must be the preview's own folder (see claimOutputFolder).
  const claim = await claimOutputFolder(path.join(workDir, "preview"), {
    dataDir: options.dataDir ?? DEFAULTS.dataDir,
    option: "preview folder",
  });
  if ("problem" in claim) throw new InputError([claim.problem]);
  const siteDir = claim.dir;
  await rm(siteDir, { recursive: true, force: true });
  await mkdir(siteDir, { recursive: true });
  await writeOutputMarker(siteDir);
  const server = EleventyDevServer.getServer("handouts", siteDir, {
    liveReload: true,
    domDiff: false,
    messageOnStart: () => false,
    logger: quietLogger(log),
  });
  let browser: Browser | undefined;

  /** Render the pages; undefined when the input is wrong (reported), so the last good preview stays up. */
  const render = async () => {
    const started = performance.now();
    let inputs;
    try {
      // A preview is not a publication: a section past its review date is a warning here, not a stop.
      inputs = await loadInputs({ ...options, allowOverdue: true });
    } catch (error) {
      // A half-typed clinic file is normal while editing: say what is wrong, keep the last good preview.
      log(
        error instanceof InputError || error instanceof LibraryError
          ? `${error.message}\n(the preview shows the last version that worked)`
          : `handouts dev: ${(error as Error).message}`,
      );
      return undefined;
    }
    for (const warning of inputs.warnings) log(`warning: ${warning}`);
    await renderSite(inputs, siteDir, { liveReload: true });
    server.reload();
    log(
      `Rendered ${inputs.site.handoutPages.length} handout pages in ${Math.round(performance.now() - started)} ms; printing what changed…`,
    );
    return inputs;
  };

  const print = async (inputs: Awaited<ReturnType<typeof loadInputs>>) => {
    const started = performance.now();
    // Started on first need, and again if it crashed since the last save.
    if (!browser?.connected) browser = await launchBrowser();
    let printed = 0;
    // Visit packs too: their pages are made of the handouts' (see compose-bundle.ts).
    await printHandouts([...inputs.site.handoutPages, ...(inputs.site.bundlePages ?? [])], {
      siteDir,
      browser,
      cacheDir: path.join(workDir, "cache"),
      concurrency: options.concurrency ?? 2,
      timeoutMs: DEFAULTS.timeoutMs,
      maxPages: DEFAULTS.maxPages,
      onOutcome: (outcome) => {
        if (!outcome.ok) log(`failed: ${path.relative(siteDir, outcome.job.htmlFile)}: ${outcome.error}`);
        else if (!outcome.cached) printed++;
      },
    });
    server.reload();
    log(`Printed ${printed} PDF(s) in ${Math.round(performance.now() - started)} ms.`);
  };

  const updates = serialUpdates(render, print, (error) => log(`handouts dev: ${error.message}`));
  server.serve(options.port ?? 8080);
  await server.ready();
  await updates.update(); // the pages; their PDFs print in the background
  const watcher = watchInputs(options, () => void updates.update());
  return {
    url: server.getServerUrl("localhost"),
    settled: updates.settled,
    async close() {
      await watcher.close();
      await updates.settled();
      await server.close();
      if (browser) await closeBrowser(browser);
    },
  };
}

/**
 * One update at a time: render, then print. Saves while one runs make exactly one more, which starts
 * when the running one is done. `update` resolves when its pages are rendered, `settled` when all is printed.
 */
function serialUpdates<T>(render: () => Promise<T | undefined>, print: (rendered: T) => Promise<void>, onError: (error: Error) => void) {
  let running: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  return {
    update(): Promise<void> {
      if (queued) return queued;
      let rendered!: () => void;
      queued = new Promise<void>((resolve) => (rendered = resolve));
      const done = queued;
      running = running.then(async () => {
        queued = undefined;
        try {
          const result = await render().finally(rendered);
          if (result !== undefined) await print(result);
        } catch (error) {
          onError(error as Error);
        }
      });
      return done;
    },
    settled: () => running,
  };
}

/**
 * Watch everything a page is made from and call `changed` once things have been quiet for a moment.
 * Chokidar follows a file that editors (and `sed -i`) save by writing a new file and renaming it over
 * the old one, where Node's own recursive watch loses track of it.
 */
function watchInputs(options: DevOptions, changed: () => void): FSWatcher {
  const library = options.library ?? DEFAULT_LIBRARY;
  let timer: NodeJS.Timeout | undefined;
  const onChange = () => {
    clearTimeout(timer);
    timer = setTimeout(changed, QUIET_MS);
  };
  return chokidar
    .watch([options.dataDir ?? DEFAULTS.dataDir, library.handoutsDir, path.dirname(library.contentDir)], {
      ignoreInitial: true,
      atomic: true,
    })
    .on("all", onChange);
}

/** The dev server's logger, reduced to what staff need: errors. */
function quietLogger(log: (line: string) => void) {
  const ignore = () => undefined;
  return { info: ignore, log: ignore, warn: log, error: log, forceLog: ignore };
}
