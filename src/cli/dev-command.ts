import { dev } from "../dev.ts";
import type { Io } from "./io.ts";
import { DATA_OPTION, EXIT, selectionOf, SELECT_OPTIONS, text, wholeNumber, type Values } from "./options.ts";

export const DEV_OPTIONS = { ...DATA_OPTION, ...SELECT_OPTIONS, port: { type: "string" } } as const;

export async function runDev(io: Io, values: Values): Promise<number> {
  const port = wholeNumber(values, "port", 0);
  const server = await dev({
    dataDir: text(values.data) as string,
    select: selectionOf(values),
    ...(port !== undefined ? { port } : {}),
    log: io.err,
  });
  io.out(`Preview: ${server.url}  (Ctrl-C to stop)`);
  const reason = await untilStopped();
  await server.close();
  io.err(`handouts dev: ${reason}, stopped.`);
  return EXIT.ok;
}

/**
 * Wait for Ctrl-C or SIGTERM, or for the process that started this one to be gone (npm killed, a
 * terminal closed): a preview nobody can stop any more must not keep its port and its browser.
 */
function untilStopped(): Promise<string> {
  const parent = process.ppid;
  return new Promise((resolve) => {
    const stop = (reason: string) => {
      clearInterval(timer);
      process.off("SIGINT", onInterrupt);
      process.off("SIGTERM", onTerminate);
      resolve(reason);
    };
    const onInterrupt = () => stop("SIGINT received");
    const onTerminate = () => stop("SIGTERM received");
    const timer = setInterval(() => process.ppid !== parent && stop("the process that started it is gone"), 500);
    process.once("SIGINT", onInterrupt);
    process.once("SIGTERM", onTerminate);
  });
}
