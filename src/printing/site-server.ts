import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".woff2": "font/woff2",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
};

/**
 * Serve the files of `root` (GET only, nothing outside it) for browsers that cannot read this machine's
 * disk, such as Chrome on another host. Returns the base URL and a function that stops the server.
 */
export async function serveSite(root: string, host = "127.0.0.1"): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const resolvedRoot = path.resolve(root);
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://site").pathname);
    const file = path.resolve(resolvedRoot, `.${pathname}`);
    const type = TYPES[path.extname(file).toLowerCase()];
    if (request.method !== "GET" || !file.startsWith(resolvedRoot + path.sep) || !type) {
      response.writeHead(404).end();
      return;
    }
    stat(file).then(
      (info) => {
        if (!info.isFile()) return void response.writeHead(404).end();
        response.writeHead(200, { "content-type": type, "content-length": info.size });
        createReadStream(file).pipe(response);
      },
      () => void response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${host.includes(":") ? `[${host}]` : host}:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
