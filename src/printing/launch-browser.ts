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

/**
 * Flags that send every request this browser makes, to any host, loopback ones included, to `proxy`: a build
 * points them at its own server of the site, which serves the site and refuses everything else. Chromium then
 * pauses no request for us to allow, as request interception would.
 */
export const lockedDownArgs = (proxy: string): string[] => [`--proxy-server=${proxy}`, "--proxy-bypass-list=<-loopback>"];

export interface LaunchOptions {
  /** Send every request to this proxy (see lockedDownArgs). */
  proxy?: string;
}

/** Launch the one browser a build prints with. */
export async function launchBrowser({ proxy }: LaunchOptions = {}): Promise<Browser> {
  const location = await findBrowser();
  if (!location) throw new Error(BROWSER_INSTALL_HINT);
  // Over a pipe, Chromium exits as soon as this process does, even when it is killed outright.
  // The marker names the process that owns it, so a test (or a person) can find a left-over browser.
  // Signals are ours to handle (a build cleans up its staging folder first); Puppeteer's own handlers would exit at once.
  return puppeteer.launch({
    executablePath: location.executablePath,
    headless: true,
    pipe: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [...chromiumArgs(), ...(proxy ? lockedDownArgs(proxy) : []), `--clinic-handouts-owner=${process.pid}`],
  });
}

/** Close a browser we launched; a tab stuck on a load that never ends must not hold the build open, so it is killed after a while. */
export async function closeBrowser(browser: Browser, graceMs = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = browser.close().then(
    () => true,
    () => false,
  );
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), graceMs);
  });
  const tidy = await Promise.race([closed, late]);
  clearTimeout(timer);
  if (!tidy) browser.process()?.kill("SIGKILL");
}
