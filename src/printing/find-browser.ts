import { access, constants } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getInstalledBrowsers } from "@puppeteer/browsers";

export interface BrowserLocation {
  executablePath: string;
  /** Where it was found, for messages. */
  source: "PUPPETEER_EXECUTABLE_PATH" | "system" | "puppeteer cache";
}

/** Usual places of a system Chromium or Chrome, most common first. */
const SYSTEM_BROWSERS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/snap/bin/chromium",
  "/opt/google/chrome/chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
];

/** Puppeteer keeps downloaded browsers here unless told otherwise. */
export function puppeteerCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PUPPETEER_CACHE_DIR ?? path.join(os.homedir(), ".cache", "puppeteer");
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Find a browser to print with: PUPPETEER_EXECUTABLE_PATH, then a system Chromium or Chrome,
 * then a browser Puppeteer downloaded. Undefined when there is none.
 */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserLocation | undefined> {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (await isExecutable(fromEnv)) return { executablePath: fromEnv, source: "PUPPETEER_EXECUTABLE_PATH" };
    throw new Error(`PUPPETEER_EXECUTABLE_PATH is set to ${fromEnv}, but no browser can be run there`);
  }
  for (const candidate of SYSTEM_BROWSERS) {
    if (await isExecutable(candidate)) return { executablePath: candidate, source: "system" };
  }
  const installed = await getInstalledBrowsers({ cacheDir: puppeteerCacheDir(env) }).catch(() => []);
  const preferred =
    installed.find((browser) => browser.browser === "chrome-headless-shell") ?? installed.find((browser) => browser.browser === "chrome");
  return preferred ? { executablePath: preferred.executablePath, source: "puppeteer cache" } : undefined;
}

/** What to run when no browser is found, for the message that stops the build. */
export const BROWSER_INSTALL_HINT = [
  "No Chromium or Chrome was found to print the PDFs. Install one of these, then run the command again:",
  "  - on Debian or Ubuntu: sudo apt-get install -y chromium",
  "  - anywhere with internet: npx @puppeteer/browsers install chrome-headless-shell@stable --path ~/.cache/puppeteer",
  "  - or point PUPPETEER_EXECUTABLE_PATH at an installed Chrome or Chromium.",
].join("\n");
