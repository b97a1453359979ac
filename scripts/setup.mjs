// Set-up for `npm start` and `npm test`: installs what a fresh machine lacks and is quick when nothing is missing.
// Plain JavaScript with Node's own modules only, because it runs before node_modules exists.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const stampFile = path.join(root, "node_modules", ".clinic-handouts-setup");

/** The lockfile's hash: node_modules is current when it was installed from this exact lockfile. */
function lockHash() {
  return createHash("sha256").update(readFileSync(path.join(root, "package-lock.json"))).digest("hex");
}

function installDependencies() {
  const wanted = lockHash();
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === wanted) return;
  console.log("Installing dependencies (npm ci)…");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("npm ci failed; see the messages above.");
    process.exit(result.status ?? 1);
  }
  writeFileSync(stampFile, wanted);
}

async function installTools() {
  const { register } = await import("tsx/esm/api");
  register();
  const { ensureBrowser, ensurePdftoppm } = await import("../src/printing/ensure-tools.ts");
  try {
    await ensureBrowser();
    await ensurePdftoppm();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

installDependencies();
await installTools();
