import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The slow end-to-end tests run with `npm run test:slow` (vitest.slow.config.ts), which CI runs after this.
    exclude: ["tests/**/*.slow.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    // End-to-end tests run Eleventy and Chromium for real.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The test files share one module cache per worker instead of loading the tool again for each file (a minute
    // of a run's time on this machine); the modules keep no state a test could leave behind for the next.
    isolate: false,
    // Two test files at a time: a file spends much of its time waiting on Chromium, so one alone leaves a core idle.
    maxWorkers: 2,
  },
});
