// Before any test: compile src/ into dist/ when it changed, so tests of the `handouts` command (which runs
// dist/) and of the package by its name never run yesterday's code; then build the fixture clinics once, for
// the tests that only read a built site (tests/helpers/basic-site.ts).
import { rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildPackage } from "../scripts/setup.mjs";
import { build } from "../src/build.ts";
import type { BasicSite } from "./helpers/basic-site.ts";
import { FIXTURES, tempDir } from "./helpers/temp-data.ts";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildPackage();
  const root = await tempDir("handouts-basic-site-");
  const outDir = path.join(root, "site");
  const result = await build({ dataDir: path.join(FIXTURES, "basic"), outDir, concurrency: 2, cacheDir: false });
  const site: BasicSite = { outDir, result, finishedAt: Date.now() };
  project.provide("basicSite", site);
  return () => rm(root, { recursive: true, force: true });
}
