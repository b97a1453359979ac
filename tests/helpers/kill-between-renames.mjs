// Loaded into a build with `node --import`: kills the build outright (SIGKILL) right after the first rename
// of its swap (output → <out>.previous-<pid>), before the second, as a power cut or the OOM killer might.
// Test-only: it replaces fs.promises.rename in the process it is loaded into, and nowhere else.
import fs from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";

const rename = fs.rename;
fs.rename = async (from, to) => {
  await rename(from, to);
  if (/\.previous-\d+$/.test(String(to))) process.kill(process.pid, "SIGKILL");
};
syncBuiltinESMExports();
