// Before any test: compile src/ into dist/ when it changed, so tests of the `handouts` command (which runs
// dist/) and of the package by its name never run yesterday's code.
import { buildPackage } from "../scripts/setup.mjs";

export default function setup(): void {
  buildPackage();
}
