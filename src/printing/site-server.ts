import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import sirv from "sirv";

/**
 * Serve the files of `root` (GET and HEAD only, nothing outside it) to the browsers that print: Chrome on
 * another host, which cannot read this machine's disk, and our own Chromium, which is told to use this server
 * as its proxy for every request (see launch-browser.ts). As a proxy it passes on nothing: a request for
 * another site (absolute URL) or a tunnel (CONNECT) is refused with 403, so a page can load only the site.
 * sirv looks each file up when asked (`dev`), because the site is still being written while the first pages
 * print. Returns the base URL and a function that stops it.
 */
export async function serveSite(root: string, host = "127.0.0.1"): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const files = sirv(root, { dev: true, etag: false, dotfiles: false });
  let origin = "";
  const server = createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") return void response.writeHead(405, { allow: "GET, HEAD" }).end();
    const url = request.url ?? "/";
    if (!url.startsWith("/")) {
      // Asked as a proxy: only our own origin is served.
      if (!url.startsWith(`${origin}/`)) return void response.writeHead(403).end();
      request.url = url.slice(origin.length);
    }
    // A file of the site is written once, before any page that uses it prints, and each build serves on a new
    // port: the browser may keep what it loaded. Fonts then load once per build, not once per page (sirv's dev
    // mode would forbid storing anything).
    response.setHeader("cache-control", "max-age=3600");
    files(request, response, () => void response.writeHead(404).end());
  });
  server.on("connect", (_request, socket) => socket.end("HTTP/1.1 403 Forbidden\r\n\r\n"));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    baseUrl: `${origin}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
