import { createHash } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { addDays, isoToday } from "../iso-dates.ts";
import { writeWhole } from "../write-whole.ts";
import type { PdfChecks } from "./pdf-checks.ts";
import type { PrintJob } from "./print-pdfs.ts";

/** What the cache knows of one printed handout, by its HTML path in the site. */
export interface CacheEntry {
  /** Hash of everything the PDF depends on (see PrintCache.keyOf). */
  key: string;
  /** Site-relative paths of the files the page loaded when it was printed, the HTML first. */
  files: string[];
  sha256: string;
  pages: number;
  bytes: number;
  /** A thumbnail of page 1 is stored beside the PDF. */
  thumbnail: boolean;
  /** What the PDF was found to be when printed (PDF/UA claim, layout issues). */
  checks?: PdfChecks;
  /** The last day ("YYYY-MM-DD") a build printed or reused it; entries unused for CACHE_KEEP_DAYS are dropped. */
  lastUsed: string;
}

interface CacheIndex {
  version: 4;
  entries: Record<string, CacheEntry>;
}

/**
 * A PDF no build has used for this many days leaves the cache. Not sooner: a build of part of the
 * matrix (one clinic, one language) must not make the next full build reprint everything else.
 */
export const CACHE_KEEP_DAYS = 90;
/** A stored PDF or thumbnail: named by the PDF's SHA-256. */
const STORED_NAME = /^[0-9a-f]{64}\.(?:pdf|jpg)$/;

/** Where the cache lives unless told otherwise: `.cache/clinic-handouts` in the folder the build runs from. */
export const DEFAULT_CACHE_DIR = path.join(".cache", "clinic-handouts");

/**
 * A content-addressed store of printed PDFs. A handout is printed again only when its HTML, a file it
 * loads (stylesheets, fonts, logo), its metadata, the print options, this tool or Chromium changed.
 */
export class PrintCache {
  readonly #dir: string;
  readonly #salt: string;
  readonly #siteDir: string;
  readonly #previous: Record<string, CacheEntry>;
  readonly #next: Record<string, CacheEntry> = {};
  readonly #fileHashes = new Map<string, Promise<string>>();

  private constructor(dir: string, salt: string, siteDir: string, previous: Record<string, CacheEntry>) {
    this.#dir = dir;
    this.#salt = salt;
    this.#siteDir = siteDir;
    this.#previous = previous;
  }

  /** Open the cache for a build of `siteDir`; `salt` names the tool, Chromium and print options. */
  static async open(dir: string, salt: string, siteDir: string): Promise<PrintCache> {
    const index = await readFile(path.join(dir, "index.json"), "utf8")
      .then((text) => JSON.parse(text) as CacheIndex)
      .catch(() => undefined);
    return new PrintCache(dir, salt, siteDir, index?.version === 4 ? index.entries : {});
  }

  /** Copy a still-valid cached PDF into place; undefined when the handout must be printed. */
  async reuse(job: PrintJob, htmlPath: string): Promise<CacheEntry | undefined> {
    const entry = this.#previous[htmlPath];
    if (!entry || entry.files[0] !== htmlPath) return undefined;
    const key = await this.keyOf(job, entry.files).catch(() => undefined);
    if (key !== entry.key) return undefined;
    try {
      await mkdir(path.dirname(job.pdfFile), { recursive: true });
      await copyFile(this.#stored(entry.sha256), job.pdfFile);
      if (job.thumbnailFile) {
        if (!entry.thumbnail) return undefined; // printed without one: print again to make it
        await copyFile(this.#stored(entry.sha256, "jpg"), job.thumbnailFile);
      }
    } catch {
      return undefined; // the stored PDF is gone: print it again
    }
    this.#next[htmlPath] = { ...entry, lastUsed: isoToday() };
    return entry;
  }

  /** Remember a freshly printed PDF and the files its page loaded. */
  async remember(
    job: PrintJob,
    htmlPath: string,
    loaded: readonly string[],
    printed: Omit<CacheEntry, "key" | "files" | "lastUsed">,
  ): Promise<void> {
    const files = [htmlPath, ...[...new Set(loaded)].filter((file) => file !== htmlPath).sort()];
    const key = await this.keyOf(job, files);
    await mkdir(path.join(this.#dir, "pdfs"), { recursive: true });
    await copyFile(job.pdfFile, this.#stored(printed.sha256));
    if (printed.thumbnail && job.thumbnailFile) await copyFile(job.thumbnailFile, this.#stored(printed.sha256, "jpg"));
    const { sha256, pages, bytes, thumbnail, checks } = printed; // only these: the caller may hand a whole print outcome
    this.#next[htmlPath] = { key, files, sha256, pages, bytes, thumbnail, ...(checks ? { checks } : {}), lastUsed: isoToday() };
  }

  /**
   * Write the index: what this build printed or reused, and what earlier builds kept that this one did not
   * look at (another clinic, another language), unless unused for CACHE_KEEP_DAYS. Drop stored PDFs no entry names.
   */
  async save(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const oldest = addDays(isoToday(), -CACHE_KEEP_DAYS);
    const kept = Object.entries(this.#previous).filter(([htmlPath, entry]) => !(htmlPath in this.#next) && entry.lastUsed >= oldest);
    const index: CacheIndex = { version: 4, entries: { ...Object.fromEntries(kept), ...this.#next } };
    await writeWhole(path.join(this.#dir, "index.json"), JSON.stringify(index));
    const used = new Set(Object.values(index.entries).flatMap((entry) => [`${entry.sha256}.pdf`, `${entry.sha256}.jpg`]));
    // Only files named as the cache names them: --cache-dir may point somewhere that holds other files.
    const stored = (await readdir(path.join(this.#dir, "pdfs")).catch(() => [] as string[])).filter((name) => STORED_NAME.test(name));
    await Promise.all(stored.filter((name) => !used.has(name)).map((name) => rm(path.join(this.#dir, "pdfs", name), { force: true })));
  }

  /** The key of a PDF: the salt, its metadata, and the content of every file its page loads. */
  async keyOf(job: PrintJob, files: readonly string[]): Promise<string> {
    const hash = createHash("sha256").update(this.#salt).update(JSON.stringify(job.metadata));
    for (const file of files) hash.update(file).update(await this.#hashFile(file));
    return hash.digest("hex");
  }

  #hashFile(file: string): Promise<string> {
    // Stylesheets, fonts and logos are shared by many pages: hash each once per build.
    let hashed = this.#fileHashes.get(file);
    if (!hashed) {
      // A file the page asked for but the site lacks (a broken link) counts as missing: the key changes when it appears.
      hashed = readFile(path.join(this.#siteDir, file)).then(
        (bytes) => createHash("sha256").update(bytes).digest("hex"),
        () => "missing",
      );
      this.#fileHashes.set(file, hashed);
    }
    return hashed;
  }

  #stored(sha256: string, extension: "pdf" | "jpg" = "pdf"): string {
    return path.join(this.#dir, "pdfs", `${sha256}.${extension}`);
  }
}
