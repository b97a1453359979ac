import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    // End-to-end tests run Eleventy and Chromium for real.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The test files share one module cache per worker instead of loading the tool again for each file (a minute
    // of a run's time on this machine); the modules keep no state a test could leave behind for the next.
    isolate: false,
  },
});
