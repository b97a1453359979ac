import { mkdir, writeFile } from "node:fs/promises";
import { request } from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { serveSite } from "../../src/printing/site-server.ts";
import { tempDir } from "../helpers/temp-data.ts";

describe("the server of the site for the browsers that print", () => {
  it("serves the site's files, also those written after it started, and nothing else", async () => {
    const root = path.join(await tempDir(), "site");
    await mkdir(path.join(root, "clinic"), { recursive: true });
    await writeFile(path.join(path.dirname(root), "secret.txt"), "not for the printer");
    const server = await serveSite(root);
    try {
      await writeFile(path.join(root, "clinic", "page.html"), "<p>late page</p>");
      const page = await fetch(new URL("clinic/page.html", server.baseUrl));
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await page.text()).toBe("<p>late page</p>");
      for (const escape of ["../secret.txt", "%2e%2e/secret.txt", "clinic/%2e%2e/%2e%2e/secret.txt"]) {
        const response = await fetch(`${server.baseUrl}${escape}`);
        expect(response.status, escape).toBe(404);
      }
      expect((await fetch(new URL("clinic/page.html", server.baseUrl), { method: "POST" })).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it("answers a request with a malformed %-escape with a 4xx, and goes on serving", async () => {
    const root = await tempDir();
    await writeFile(path.join(root, "index.html"), "ok");
    const server = await serveSite(root);
    try {
      const bad = await fetch(`${server.baseUrl}%E0%A4%A`);
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(bad.status).toBeLessThan(500);
      expect(await (await fetch(new URL("index.html", server.baseUrl))).text()).toBe("ok");
    } finally {
      await server.close();
    }
  });

  it("as our browser's proxy, serves its own origin and refuses every other host and every tunnel with 403", async () => {
    const root = await tempDir();
    await writeFile(path.join(root, "index.html"), "ok");
    const server = await serveSite(root);
    const { host, port } = new URL(server.baseUrl);
    // A proxy is asked with the whole URL (or CONNECT host:port for HTTPS), not a path.
    const ask = (method: string, target: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const asked = request({ host: host.split(":")[0], port, method, path: target }, (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString()));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        });
        asked.on("connect", (response, socket) => {
          socket.destroy();
          resolve({ status: response.statusCode ?? 0, body: "" });
        });
        asked.on("error", reject);
        asked.end();
      });
    try {
      expect(await ask("GET", `${server.baseUrl}index.html`)).toEqual({ status: 200, body: "ok" });
      expect((await ask("GET", "http://example.org/index.html")).status).toBe(403);
      expect((await ask("GET", `http://127.0.0.1:${Number(port) + 1}/index.html`)).status).toBe(403);
      expect((await ask("CONNECT", "example.org:443")).status).toBe(403);
      // What it refused is known (the build checks so that its browser really uses it).
      expect(server.refused("http://example.org/index.html")).toBe(true);
      expect(server.refused("example.org:443")).toBe(true);
      expect(server.refused(`${server.baseUrl}index.html`)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("lets the browser keep the files it found, not a 404; serves no dot-file; refuses a request naming another host (DNS rebinding)", async () => {
    const root = await tempDir();
    await writeFile(path.join(root, "index.html"), "ok");
    await writeFile(path.join(root, ".secret"), "hidden");
    const server = await serveSite(root);
    const { hostname, port } = new URL(server.baseUrl);
    const withHost = (hostHeader: string) =>
      new Promise<number>((resolve, reject) => {
        const asked = request({ host: hostname, port, path: "/index.html", headers: { host: hostHeader } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        asked.on("error", reject);
        asked.end();
      });
    try {
      const found = await fetch(new URL("index.html", server.baseUrl));
      expect(found.headers.get("cache-control")).toBe("max-age=3600");
      const missing = await fetch(new URL("later.css", server.baseUrl));
      expect(missing.status).toBe(404);
      expect(missing.headers.get("cache-control")).toBeNull();
      expect((await fetch(new URL(".secret", server.baseUrl))).status).toBe(404);
      expect(await withHost(`${hostname}:${port}`)).toBe(200);
      expect(await withHost(`rebound.example:${port}`)).toBe(403);
    } finally {
      await server.close();
    }
  });
});
