import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { Browser, detectBrowserPlatform, install, resolveBuildId } from "@puppeteer/browsers";
import { BROWSER_INSTALL_HINT, findBrowser, puppeteerCacheDir, type BrowserLocation } from "./find-browser.ts";
import { canMakeThumbnails, THUMBNAIL_HINT } from "./pdf-thumbnail.ts";

type Log = (line: string) => void;

/**
 * Make sure a browser to print with is installed: keep the one found, else install Debian's
 * Chromium (as root on Debian or Ubuntu), else download Puppeteer's Chrome; else stop with what to run.
 */
export async function ensureBrowser(log: Log = console.log): Promise<BrowserLocation> {
  const found = await findBrowser();
  if (found) return found;
  if (canUseApt()) {
    log("No browser found: installing Chromium with apt-get (this takes a minute, once).");
    const ok = run("apt-get", ["update", "-qq"]) && run("apt-get", ["install", "-y", "-qq", "chromium"]);
    const installed = ok ? await findBrowser() : undefined;
    if (installed) return installed;
  }
  log("No browser found: downloading Chrome for printing with Puppeteer's installer.");
  const downloaded = await downloadChrome().catch((error: unknown) => {
    log(`The download did not work: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  if (downloaded) return downloaded;
  throw new Error(BROWSER_INSTALL_HINT);
}

/**
 * Make sure pdftoppm (poppler-utils), which draws the PDFs' thumbnails, is installed: as root on
 * Debian or Ubuntu with apt-get; elsewhere say how. Builds work without it, minus the thumbnails.
 */
export async function ensurePdftoppm(log: Log = console.log): Promise<boolean> {
  if (await canMakeThumbnails()) return true;
  if (canUseApt()) {
    log("No pdftoppm found: installing poppler-utils with apt-get, for the PDFs' thumbnails.");
    if (
      run("apt-get", ["install", "-y", "-qq", "poppler-utils"]) ||
      (run("apt-get", ["update", "-qq"]) && run("apt-get", ["install", "-y", "-qq", "poppler-utils"]))
    ) {
      return true;
    }
  }
  log(`Note: ${THUMBNAIL_HINT}.`);
  return false;
}

function canUseApt(): boolean {
  return process.platform === "linux" && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
}

function run(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
}

async function downloadChrome(): Promise<BrowserLocation | undefined> {
  const platform = detectBrowserPlatform();
  if (!platform) return undefined;
  const browser = Browser.CHROMEHEADLESSSHELL;
  const buildId = await resolveBuildId(browser, platform, "stable");
  const installed = await install({ browser, buildId, cacheDir: puppeteerCacheDir() });
  return { executablePath: installed.executablePath, source: "puppeteer cache" };
}
