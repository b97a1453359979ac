// Makes N synthetic clinics from the shipped examples, for the benchmark and for load tests.
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Write `count` clinic files into `<dataDir>/clinics`, cycling through the examples in `examplesDir`
 * with a distinct name, phone and brand colour each, and copy the logos and each example's own handouts
 * (data/content/<slug>/) for the clinics made from it.
 */
export async function writeSyntheticClinics(examplesDir: string, dataDir: string, count: number): Promise<void> {
  await mkdir(path.join(dataDir, "clinics"), { recursive: true });
  await cp(path.join(examplesDir, "logos"), path.join(dataDir, "logos"), { recursive: true });
  const names = (await readdir(path.join(examplesDir, "clinics"))).filter((name) => name.endsWith(".json")).sort();
  const examples = await Promise.all(
    names.map(async (name) => JSON.parse(await readFile(path.join(examplesDir, "clinics", name), "utf8"))),
  );
  for (let index = 0; index < count; index++) {
    const clinic = structuredClone(examples[index % examples.length]);
    const number = String(index + 1).padStart(4, "0");
    const ownContent = path.join(examplesDir, "content", (names[index % names.length] as string).replace(/\.json$/, ""));
    if (existsSync(ownContent)) await cp(ownContent, path.join(dataDir, "content", `clinic-${number}`), { recursive: true });
    clinic.name = `${clinic.name} ${number}`;
    clinic.contact.phone = `(555) 01${number.slice(0, 1)}-${number}`;
    clinic.brand.primary = `#${((index * 2654435761) % 0xffffff).toString(16).padStart(6, "0")}`;
    delete clinic.$schema;
    await writeFile(path.join(dataDir, "clinics", `clinic-${number}.json`), `${JSON.stringify(clinic, null, 2)}\n`);
  }
}
