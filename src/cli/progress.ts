import { SingleBar } from "cli-progress";
import type { PrintOutcome } from "../printing/print-pdfs.ts";

/** Counts of a print stage, for the closing summary. */
export interface PrintTally {
  printed: number;
  cached: number;
  failed: number;
}

export interface Progress {
  /** Told of each handout as it is printed, reused or failed. */
  update(outcome: PrintOutcome): void;
  /** Stop drawing and return the counts. */
  finish(): PrintTally;
}

/**
 * Progress of the print stage: a bar with count, rate and time left on a terminal; in CI or when the
 * output is piped, one plain line every `every` handouts, so logs stay short and readable.
 */
export function printProgress(total: number, options: { interactive: boolean; write: (line: string) => void; every?: number }): Progress {
  const tally: PrintTally = { printed: 0, cached: 0, failed: 0 };
  const started = performance.now();
  const every = options.every ?? Math.max(10, Math.ceil(total / 10));
  const bar = options.interactive
    ? new SingleBar({
        format: "Printing [{bar}] {value}/{total} handouts | {rate}/s | {eta_formatted} left",
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      })
    : undefined;
  bar?.start(total, 0, { rate: "0.0" });
  const done = () => tally.printed + tally.cached + tally.failed;
  return {
    update(outcome) {
      if (!outcome.ok) tally.failed++;
      else if (outcome.cached) tally.cached++;
      else tally.printed++;
      const seconds = (performance.now() - started) / 1000;
      if (bar) bar.update(done(), { rate: (done() / Math.max(seconds, 0.001)).toFixed(1) });
      else if (done() % every === 0 && done() < total)
        options.write(`  ${done()}/${total} handouts (${tally.cached} from cache) in ${seconds.toFixed(1)} s`);
    },
    finish() {
      bar?.stop();
      return { ...tally };
    },
  };
}
