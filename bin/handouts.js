#!/usr/bin/env node
// The `handouts` command: the compiled package (dist/, built by `npm run setup`, `npm start` or `npm test`).
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  console.error("handouts: the compiled package is missing (dist/); run `npm run setup` first.");
  process.exit(1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
