import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import sirv from "sirv";

/**
 * Serve the files of `root` (GET and HEAD only, nothing outside it) for browsers that cannot read this
 * machine's disk, such as Chrome on another host. sirv looks each file up when asked (`dev`), because the
 * site is still being written while the first pages print. Returns the base URL and a function that stops it.
 */
export async function serveSite(root: string, host = "127.0.0.1"): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const files = sirv(root, { dev: true, etag: false, dotfiles: false });
  const server = createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") return void response.writeHead(405, { allow: "GET, HEAD" }).end();
    files(request, response, () => void response.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${host.includes(":") ? `[${host}]` : host}:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
