import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.ts";
import { loadInputs } from "../../src/load-inputs.ts";
import { dataFolder, validClinic } from "../helpers/temp-data.ts";

async function handouts(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { status, out: out.join("\n"), err: err.join("\n") };
}

describe("handouts new-handout", () => {
  it("writes a starting handout and section that the clinic can publish as they are", async () => {
    const data = await dataFolder({ "lake.json": validClinic() });
    const { status, out } = await handouts(["new-handout", "lake", "our-suite", "--data", data]);
    expect(status).toBe(0);
    expect(out).toMatch(/Add "our-suite" to "handouts"/);
    const clinicFile = path.join(data, "clinics", "lake.json");
    const clinic = JSON.parse(await readFile(clinicFile, "utf8")) as { handouts: string[] };
    await writeFile(clinicFile, JSON.stringify({ ...clinic, handouts: [...clinic.handouts, "our-suite"] }));
    const { site } = await loadInputs({ dataDir: data });
    const titles = site.handoutPages.filter((page) => page.handoutId === "our-suite").map((page) => page.title);
    expect(titles).toEqual(["About your visit to our clinic", "About your visit to our clinic"]);
  });

  it("refuses a missing clinic, a library handout's id and an existing file, writing nothing (exit 2)", async () => {
    const data = await dataFolder({ "lake.json": validClinic() });
    expect((await handouts(["new-handout", "lake", "our-suite", "--data", data])).status).toBe(0);
    const before = await readdir(path.join(data, "content", "lake", "handouts"));
    const again = await handouts(["new-handout", "lake", "our-suite", "--data", data]);
    expect(again.status).toBe(2);
    expect(again.err).toMatch(/handouts\/our-suite\.json: already exists; it is never overwritten/);
    const wrong = await handouts(["new-handout", "sea", "pain-diary", "--data", data]);
    expect(wrong.status).toBe(2);
    expect(wrong.err).toMatch(/clinics\/sea\.json: no such clinic file/);
    expect(wrong.err).toMatch(/\(command line\): <id>: "pain-diary" is taken by the library/);
    expect(await readdir(path.join(data, "content", "lake", "handouts"))).toEqual(before);
    expect(await readdir(path.join(data, "content"))).toEqual(["lake"]);
  });
});
