#!/usr/bin/env node
// The `handouts` command. The tool is TypeScript run by tsx, so no compile step stands between an edit and a build.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
