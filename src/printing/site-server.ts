import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Browser } from "puppeteer-core";
import sirv from "sirv";

export interface SiteServer {
  baseUrl: string;
  /** Whether a request for this URL (or a tunnel to this host:port) came to the server as a proxy and was refused. */
  refused: (url: string) => boolean;
  close: () => Promise<void>;
}

/** Refused requests remembered, for the check that the browser really uses the server as its proxy. */
const MAX_REMEMBERED = 1000;

/**
 * Serve the files of `root` (GET and HEAD only, nothing outside it, no dot-files) to the browsers that print:
 * Chrome on another host, which cannot read this machine's disk, and our own Chromium, which is told to use this
 * server as its proxy for every request (see launch-browser.ts). As a proxy it passes on nothing: a request for
 * another site (absolute URL) or a tunnel (CONNECT) is refused with 403, so a page can load only the site. A
 * request that names another host than ours in its Host header (a web page elsewhere on this machine reaching
 * the server through DNS rebinding) is refused too. sirv looks each file up when asked (`dev`), because the site
 * is still being written while the first pages print.
 */
export async function serveSite(root: string, host = "127.0.0.1"): Promise<SiteServer> {
  // A file of the site is written once, before any page that uses it prints, and each build serves on a new
  // port: the browser may keep what it loaded, and fonts load once per build, not once per page. Only files
  // found get this header: a page printed before a file existed must not keep its 404.
  const files = sirv(root, {
    dev: true,
    etag: false,
    dotfiles: false,
    setHeaders: (response) => response.setHeader("cache-control", "max-age=3600"),
  });
  let authority = "";
  const refused = new Set<string>();
  const refuse = (what: string) => {
    if (refused.size < MAX_REMEMBERED) refused.add(what);
  };
  const server = createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") return void response.writeHead(405, { allow: "GET, HEAD" }).end();
    const url = request.url ?? "/";
    if (!url.startsWith("/")) {
      // Asked as a proxy: only our own origin is served.
      if (!url.startsWith(`http://${authority}/`)) {
        refuse(url);
        return void response.writeHead(403).end();
      }
      request.url = url.slice(`http://${authority}`.length);
    } else if (request.headers.host !== authority) {
      return void response.writeHead(403).end();
    }
    if (/\/\./.test(new URL(request.url ?? "/", "http://site").pathname)) return void response.writeHead(404).end();
    files(request, response, () => void response.writeHead(404).end());
  });
  const tunnels = new Set<Socket>();
  server.on("connect", (request, socket: Socket) => {
    refuse(request.url ?? "");
    tunnels.add(socket);
    socket.on("error", () => undefined); // a browser killed mid-request must not stop the build
    socket.on("close", () => tunnels.delete(socket));
    socket.end("HTTP/1.1 403 Forbidden\r\n\r\n", () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  authority = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    baseUrl: `http://${authority}/`,
    refused: (what) => refused.has(what),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of tunnels) socket.destroy();
      }),
  };
}

/**
 * Whether the browser really sends what leaves the site to our server: a browser policy (ProxySettings, common on
 * managed machines) overrides the proxy flags, and then nothing would refuse a request. Asks for an address that
 * cannot exist and looks for it among the requests the server refused.
 */
export async function usesProxy(browser: Browser, server: SiteServer): Promise<boolean> {
  const probe = `http://proxy-check.invalid/${randomUUID()}`;
  const page = await browser.newPage();
  try {
    await page.goto(probe, { timeout: 10_000 }).catch(() => undefined);
    return server.refused(probe);
  } finally {
    await page.close().catch(() => undefined);
  }
}
