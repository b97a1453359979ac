// Eleventy 3 ships no type declarations; this covers the programmatic API we call.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input: string, output: string, options: { quietMode?: boolean; configPath?: string | false; config?: (eleventyConfig: never) => unknown });
    disableLogger(): void;
    write(): Promise<unknown>;
    toJSON(): Promise<{ url: string; inputPath: string; outputPath: string; content: string }[]>;
  }
}
