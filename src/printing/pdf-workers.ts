import os from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import { PACKAGE_ROOT } from "../package.ts";
import type { FinishInput, Finished } from "./finish-pdf.ts";
import type { PdfChecks } from "./pdf-checks.ts";

/**
 * Worker threads that finish printed PDFs (finish-pdf.ts), so that the thread driving the browser only drives it.
 * One pool per process, started on first need and kept between builds (a thread loads pdf-lib once, not
 * per build); idle threads neither hold the process open nor outlive a minute without work.
 */
let pool: Piscina | undefined;

function workers(): Piscina {
  pool ??= new Piscina({
    // Always the compiled module: a thread that compiled TypeScript on start (run from source: the tests,
    // `node --import tsx`) would take seconds to start. `npm test` and the tests' global set-up compile dist/ first.
    filename: path.join(PACKAGE_ROOT, "dist", "printing", "finish-pdf.js"),
    minThreads: 0,
    maxThreads: os.availableParallelism(),
    idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
  });
  return pool;
}

/** Stamp, check and write a printed PDF in a worker thread. */
export const finishInWorker = (input: FinishInput): Promise<Finished> => workers().run(input) as Promise<Finished>;

/** Check a PDF file in a worker thread. */
export const checkFileInWorker = (file: string): Promise<PdfChecks> => workers().run(file, { name: "checkFile" }) as Promise<PdfChecks>;
