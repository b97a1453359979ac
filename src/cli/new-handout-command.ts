import { displayPath } from "../clinics/load-clinics.ts";
import { createClinicHandout } from "../content/clinic-handout-scaffold.ts";
import { loadLibrary } from "../content/library.ts";
import { DEFAULT_LIBRARY } from "../package.ts";
import type { Io } from "./io.ts";
import { DATA_OPTION, EXIT, text, UsageError, type Values } from "./options.ts";

export const NEW_HANDOUT_OPTIONS = { ...DATA_OPTION } as const;

/** `handouts new-handout <clinic> <id>`: a commented starting handout and section of the clinic's own. */
export async function runNewHandout(io: Io, values: Values, positionals: string[]): Promise<number> {
  const [clinic, id, ...extra] = positionals;
  if (clinic === undefined || id === undefined)
    throw new UsageError("say which clinic and which new handout, like: handouts new-handout lakeside-pain parking-and-arrival");
  if (extra.length > 0) throw new UsageError(`one clinic and one handout id; "${extra.join(" ")}" is one word too many`);
  const dataDir = text(values.data) as string;
  const written = await createClinicHandout(dataDir, clinic, id, await loadLibrary(DEFAULT_LIBRARY));
  io.out(`Created ${written.map(displayPath).join(" and ")}. Next:`);
  io.out(`  1. Write the handout's title and its section's text; the comments explain each part.`);
  io.out(`  2. Add "${id}" to "handouts" in ${displayPath(`${dataDir}/clinics/${clinic}.json`)} to publish it.`);
  io.out(`  3. npm run dev         to preview it as you edit`);
  return EXIT.ok;
}
