import { inject } from "vitest";
import type { BuildResult } from "../../src/build.ts";

/**
 * The fixture clinics (tests/fixtures/basic) built once for the whole run by the global set-up, with the real
 * Eleventy build and the real Chromium: tests that only read a built site share it instead of each building
 * their own. Nothing may write into it.
 */
export interface BasicSite {
  outDir: string;
  result: BuildResult;
  /** When the build finished (milliseconds since the epoch). */
  finishedAt: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    basicSite: BasicSite;
  }
}

export const basicSite = (): BasicSite => inject("basicSite");
