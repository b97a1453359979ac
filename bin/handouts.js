#!/usr/bin/env node
// The `handouts` command: runs the compiled package (dist/). In a checkout where src/ changed since dist/ was
// built, it compiles first (a quick check of file times otherwise), so the command never runs yesterday's code.
import { buildPackage } from "../scripts/setup.mjs";

buildPackage();
const { main } = await import(new URL("../dist/cli.js", import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
