import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    // End-to-end tests run Eleventy and Chromium for real.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
