import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { LOGO_BOX, rebuildLogo } from "../../src/clinics/rebuild-logo.ts";
import { HOSTILE_SVG_LOGOS, NOT_IN_A_LOGO } from "../fixtures/bad-clinics.ts";
import { recordingServer } from "../helpers/recording-server.ts";

let server: Awaited<ReturnType<typeof recordingServer>>;
beforeAll(async () => {
  server = await recordingServer();
});
afterAll(async () => {
  await server?.close();
});

describe("rebuildLogo", () => {
  it.each(Object.entries(HOSTILE_SVG_LOGOS))("draws %s as a PNG that holds none of it, fetching nothing", async (_name, text) => {
    const { bytes, kind } = await rebuildLogo(Buffer.from(text.replaceAll("{url}", server.url)), "svg");
    expect(kind).toBe("png");
    const { format, width, height } = await sharp(bytes).metadata();
    expect(format).toBe("png");
    expect([width, height]).toEqual([432, LOGO_BOX.height]); // 120 × 40, drawn to fit 480 × 144
    expect(bytes.toString("latin1")).not.toMatch(NOT_IN_A_LOGO);
    expect(server.requests).toEqual([]);
  });

  it("scales a 10000 × 10000 picture down to the size it is printed at, and keeps a small one as it is", async () => {
    const huge = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: "#1A5D8F" } })
      .png()
      .toBuffer();
    expect(await sharp((await rebuildLogo(huge, "png")).bytes).metadata()).toMatchObject({
      width: LOGO_BOX.height,
      height: LOGO_BOX.height,
    });
    const small = await sharp({ create: { width: 60, height: 20, channels: 4, background: "#1A5D8F" } })
      .png()
      .toBuffer();
    expect(await sharp((await rebuildLogo(small, "png")).bytes).metadata()).toMatchObject({ width: 60, height: 20 });
  });

  it("draws an SVG that claims to be 100000 pixels wide at the size it is shown", async () => {
    const wide = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="20000"><rect width="100000" height="20000"/></svg>',
    );
    expect(await sharp((await rebuildLogo(wide, "svg")).bytes).metadata()).toMatchObject({ width: LOGO_BOX.width, height: 96 });
  });

  it("keeps a JPEG a JPEG, without its metadata, and gives the same bytes every time", async () => {
    const photo = await sharp({ create: { width: 800, height: 400, channels: 3, background: "#2A7AB8" } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: "secret" } } })
      .toBuffer();
    const first = await rebuildLogo(photo, "jpg");
    expect(first.kind).toBe("jpg");
    expect(photo.toString("latin1")).toContain("secret");
    expect(await sharp(first.bytes).metadata()).toMatchObject({ format: "jpeg", width: 288, height: 144 });
    expect(first.bytes.toString("latin1")).not.toContain("secret");
    expect((await rebuildLogo(photo, "jpg")).bytes).toEqual(first.bytes);
  });
});
