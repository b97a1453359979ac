// Eleventy 3 ships no type declarations; this covers the programmatic API we call.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(
      input: string,
      output: string,
      options: { quietMode?: boolean; configPath?: string | false; config?: (eleventyConfig: never) => unknown },
    );
    disableLogger(): void;
    write(): Promise<unknown>;
    toJSON(): Promise<{ url: string; inputPath: string; outputPath: string; content: string }[]>;
  }
}

// The dev server Eleventy itself uses for --serve; the part of its API `handouts dev` calls.
declare module "@11ty/eleventy-dev-server" {
  interface Logger {
    info(message: string): void;
    log(message: string): void;
    warn(message: string): void;
    error(message: string): void;
    forceLog(message: string): void;
  }
  interface DevServerOptions {
    liveReload?: boolean;
    domDiff?: boolean;
    messageOnStart?: () => string | false;
    logger?: Logger;
  }
  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options?: DevServerOptions): EleventyDevServer;
    serve(port: number): void;
    ready(): Promise<void>;
    getServerUrl(host: string, pathname?: string): string;
    reload(event?: object): void;
    close(): Promise<void>;
  }
}
