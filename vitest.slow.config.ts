import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

// `npm run test:slow` (CI runs it after `npm test`): the end-to-end tests too slow for the quick loop (*.slow.test.ts):
// every PDF of the shipped examples, interrupted and killed builds, the print cache over several builds, shards and
// remote browsers, and `handouts dev` following saves.
export default defineConfig({ test: { ...base.test, include: ["tests/**/*.slow.test.ts"], exclude: [] } });
