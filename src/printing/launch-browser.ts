import puppeteer, { type Browser } from "puppeteer-core";
import { BROWSER_INSTALL_HINT, findBrowser } from "./find-browser.ts";

/**
 * Chromium flags for printing: no background services (a closed network refuses them and they
 * add nothing to a PDF), and no sandbox only where Chromium cannot have one (running as root).
 */
export function chromiumArgs(runningAsRoot = process.getuid?.() === 0): string[] {
  return [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-gpu",
    "--font-render-hinting=none",
    ...(runningAsRoot ? ["--no-sandbox"] : []),
  ];
}

/** Launch the one browser a build prints with. */
export async function launchBrowser(): Promise<Browser> {
  const location = await findBrowser();
  if (!location) throw new Error(BROWSER_INSTALL_HINT);
  return puppeteer.launch({ executablePath: location.executablePath, headless: true, args: chromiumArgs() });
}
