import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

// `npm run test:slow` (CI runs it after `npm test`): the end-to-end tests too slow for the quick loop (*.slow.test.ts):
// every PDF of the shipped examples and of the clinic at every limit of the schema, interrupted and killed builds, the
// print cache and partial builds over several builds, shards and remote browsers, `handouts dev` following saves,
// Eleventy's own commands, and the package installed into a new project.
export default defineConfig({ test: { ...base.test, include: ["tests/**/*.slow.test.ts"], exclude: [] } });
