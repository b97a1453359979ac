import Color from "colorjs.io";

/** WCAG AA for body text (1.4.3): the primary colour carries white text and is used as text on white. */
export const MIN_TEXT_CONTRAST = 4.5;
/** WCAG AA for borders and other non-text marks (1.4.11): the accent colour is only used for these. */
export const MIN_GRAPHIC_CONTRAST = 3;

export interface BrandColour {
  /** The colour as the clinic file gives it. */
  given: string;
  /** The colour used: the given one, or the nearest shade that meets the contrast minimum. */
  used: string;
  /** Contrast of the used colour against white. */
  contrast: number;
  adjusted: boolean;
}

/** Contrast ratio of two CSS colours by the WCAG 2 formula. */
export function contrastRatio(foreground: string, background: string): number {
  return new Color(foreground).contrast(new Color(background), "WCAG21");
}

/**
 * Keep a brand colour, or darken it as little as possible (same hue and chroma, lower OKLCH
 * lightness) until white text on it, and it as text on white, meet `minimum`.
 */
export function accessibleShade(given: string, minimum = MIN_TEXT_CONTRAST): BrandColour {
  const key = `${given}/${minimum}`;
  const known = shades.get(key);
  if (known) return known;
  const shade = searchShade(given, minimum);
  shades.set(key, shade);
  return shade;
}

// Every page asks for its clinic's colours; the search is the same each time.
const shades = new Map<string, BrandColour>();

function searchShade(given: string, minimum: number): BrandColour {
  const contrast = contrastRatio(given, "white");
  if (contrast >= minimum) return { given, used: normalizeHex(given), contrast, adjusted: false };
  const start = new Color(given).to("oklch");
  let [low, high] = [0, start.coords[0] ?? 1];
  // Lightness 0 is black, which always passes: search between it and the given lightness.
  for (let step = 0; step < 24; step++) {
    const middle = (low + high) / 2;
    if (contrastRatio(shadeAt(start, middle), "white") >= minimum) low = middle;
    else high = middle;
  }
  const used = shadeAt(start, low);
  return { given, used, contrast: contrastRatio(used, "white"), adjusted: true };
}

function shadeAt(start: Color, lightness: number): string {
  const shade = start.clone();
  shade.coords[0] = lightness;
  return normalizeHex(shade.to("srgb").toGamut().toString({ format: "hex" }));
}

/** `#abc` → `#AABBCC`, so colours compare and print the same everywhere. */
export function normalizeHex(hex: string): string {
  const digits = hex.replace("#", "");
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join("") : digits;
  return `#${full.toUpperCase()}`;
}
