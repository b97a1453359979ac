import path from "node:path";
import { PACKAGE_ROOT } from "../package.ts";
import { Piscina } from "piscina";
import type { FinishInput, Finished } from "./finish-pdf.ts";
import type { PdfChecks } from "./pdf-checks.ts";

/**
 * Worker threads that finish printed PDFs (finish-pdf.ts), so that the thread driving the browser only drives it:
 * with the work in that thread, Chromium waited on it and a build took about half again as long.
 */
export class PdfWorkers {
  readonly #pool: Piscina;

  constructor(threads: number) {
    this.#pool = new Piscina({
      // Always the compiled module: a thread that compiled TypeScript on start (run from source: the tests,
      // `node --import tsx`) would take seconds to start. `npm test` and the global set-up of the tests compile dist/
      // from src/ first.
      filename: path.join(PACKAGE_ROOT, "dist", "printing", "finish-pdf.js"),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 1_000,
    });
  }

  finish(input: FinishInput): Promise<Finished> {
    return this.#pool.run(input) as Promise<Finished>;
  }

  checkFile(file: string): Promise<PdfChecks> {
    return this.#pool.run(file, { name: "checkFile" }) as Promise<PdfChecks>;
  }

  close(): Promise<void> {
    return this.#pool.destroy();
  }
}
