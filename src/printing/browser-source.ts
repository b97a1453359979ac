import type { Browser } from "puppeteer-core";
import { closeBrowser } from "./launch-browser.ts";

/** Where a tab's browser comes from. Asked for every new tab, so a browser that crashed can be replaced. */
export interface BrowserSource {
  current(): Promise<Browser>;
}

export const isBrowserSource = (value: Browser | BrowserSource): value is BrowserSource =>
  typeof (value as BrowserSource).current === "function";

/** A browser someone else started (handed in, or running elsewhere): used as it is; if it goes, it cannot be brought back. */
export function fixedBrowser(browser: Browser, what = "the browser given to the build"): BrowserSource {
  return {
    async current() {
      if (!browser.connected) throw new Error(`${what} closed or crashed; this build cannot restart it`);
      return browser;
    },
  };
}

/** Restarts after this many crashes in one build would only hide a Chromium that cannot print here. */
const MAX_RELAUNCHES = 3;

/**
 * A browser this build launched itself: when it crashes, the next tab asked for starts a new one, so a
 * crash costs only the handouts that were being printed (and those are tried again on the new one).
 */
export class RelaunchingBrowser implements BrowserSource {
  readonly #launch: () => Promise<Browser>;
  readonly #onRelaunch: (count: number) => void;
  #current: Promise<Browser>;
  #relaunches = 0;
  #closed = false;

  constructor(launch: () => Promise<Browser>, onRelaunch: (count: number) => void = () => undefined) {
    this.#launch = launch;
    this.#onRelaunch = onRelaunch;
    this.#current = launch();
  }

  async current(): Promise<Browser> {
    const asked = this.#current;
    const browser = await asked;
    if (browser.connected) return browser;
    if (this.#closed) throw new Error("the browser was closed because the build is stopping");
    // The first tab to notice starts the new browser; tabs that notice too wait for the same one.
    if (this.#current === asked) {
      if (this.#relaunches >= MAX_RELAUNCHES)
        throw new Error(`Chromium crashed ${this.#relaunches + 1} times in this build; it is not started again`);
      this.#relaunches++;
      browser.process()?.kill("SIGKILL"); // whatever is left of it
      this.#current = this.#launch();
      this.#onRelaunch(this.#relaunches);
    }
    return this.#current;
  }

  /** Close the browser and start no other: the build is done or stopping. */
  async close(): Promise<void> {
    this.#closed = true;
    const browser = await this.#current.catch(() => undefined);
    if (browser) await closeBrowser(browser);
  }
}
