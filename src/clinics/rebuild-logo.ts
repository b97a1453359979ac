import sharp from "sharp";

/** A logo as it is published: pixels only, at the size it is shown. */
export interface LogoImage {
  bytes: Buffer;
  kind: "png" | "jpg";
}

/**
 * The largest box a logo is shown in (`.brand__logo` in site.css: at most 10rem × 3rem, 160 × 48 CSS px),
 * three times over: sharp on a phone's screen, and about 300 dpi on paper.
 */
export const LOGO_BOX = { width: 480, height: 144 } as const;

/** The largest a rebuilt picture may be, in pixels. */
export interface PictureBox {
  width: number;
  height: number;
}

/** A picture in a clinic's own section: at most the text's width (about 170 mm) at about 200 dpi on paper. */
export const PICTURE_BOX: PictureBox = { width: 1400, height: 1400 };

/**
 * Rebuild a logo from its pixels: an SVG is drawn as a PNG (so no script, event handler, animation or
 * link in it can reach the site; librsvg loads nothing from outside the file), a PNG or JPEG is decoded
 * and encoded again. Either way it is scaled down to fit LOGO_BOX, and nothing but the picture is kept.
 * The same file gives the same bytes. Throws when the file cannot be read as a picture.
 */
export async function rebuildLogo(bytes: Buffer, kind: "png" | "jpg" | "svg", box: PictureBox = LOGO_BOX): Promise<LogoImage> {
  const fit = { ...box, fit: "inside" } as const;
  if (kind === "svg") {
    const png = await sharp(bytes, { density: await svgDensity(bytes, box) })
      .resize(fit)
      .png({ compressionLevel: 9 })
      .toBuffer();
    return { bytes: png, kind: "png" };
  }
  // rotate(): a photo's EXIF orientation is applied before the metadata that held it is dropped.
  const image = sharp(bytes)
    .rotate()
    .resize({ ...fit, withoutEnlargement: true });
  return kind === "png"
    ? { bytes: await image.png({ compressionLevel: 9 }).toBuffer(), kind }
    : { bytes: await image.jpeg({ quality: 90, mozjpeg: true }).toBuffer(), kind };
}

/** The resolution that draws an SVG just big enough for its box, whatever size the file claims to be. */
async function svgDensity(bytes: Buffer, box: PictureBox): Promise<number> {
  // Reading the size draws nothing, so a claimed size beyond the pixel limit is fine here.
  const { width = box.width, height = box.height } = await sharp(bytes, { limitInputPixels: false }).metadata();
  const density = 72 * Math.min(box.width / width, box.height / height);
  return Math.min(Math.max(density, 1), 100_000); // the range sharp takes
}
