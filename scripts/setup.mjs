// Set-up for `npm start` and `npm test`: installs what a fresh machine lacks and is quick when nothing is missing.
// Plain JavaScript with Node's own modules only, because it runs before node_modules exists.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const stampFile = path.join(root, "node_modules", ".clinic-handouts-setup");

/** The lockfile's hash: node_modules is current when it was installed from this exact lockfile. */
function lockHash() {
  return createHash("sha256")
    .update(readFileSync(path.join(root, "package-lock.json")))
    .digest("hex");
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

/** The newest modification time of the files under `dir`, in milliseconds. */
function newestChange(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/** Compile src/ into dist/, which the `handouts` command and the package's exports run; skipped when dist/ is newer than every source. */
export function buildPackage() {
  const stamp = path.join(root, "dist", ".tsbuildinfo");
  const inputs = Math.max(
    newestChange(path.join(root, "src")),
    statSync(path.join(root, "package.json")).mtimeMs,
    statSync(path.join(root, "tsconfig.build.json")).mtimeMs,
  );
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= inputs) return;
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("Compiling the package (tsc -p tsconfig.build.json) failed; see the messages above.");
    process.exit(result.status ?? 1);
  }
  utimesSync(stamp, new Date(), new Date()); // tsc leaves an unchanged build info file as it was
}

async function installTools() {
  const { ensureBrowser, ensurePdftoppm } = await import("../dist/printing/ensure-tools.js");
  try {
    await ensureBrowser();
    await ensurePdftoppm();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

// Run as a script (npm start, npm test): set everything up. Imported (the tests' global set-up): only what is asked for.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  installDependencies();
  buildPackage();
  await installTools();
}
