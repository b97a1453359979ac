import type { Clinic } from "../clinics/load-clinics.ts";
import { accessibleShade, contrastRatio, MIN_GRAPHIC_CONTRAST, MIN_TEXT_CONTRAST } from "./brand-colours.ts";

/** A brand colour too light to use as given, and the shade used instead. */
export interface ContrastFix {
  field: "brand.primary" | "brand.accent";
  given: string;
  used: string;
}

/** The clinic's brand colours that had to be darkened to meet WCAG AA on white. */
export function contrastFixes(clinic: Pick<Clinic, "brand">): ContrastFix[] {
  const colours = [
    ["brand.primary", clinic.brand.primary, MIN_TEXT_CONTRAST],
    ["brand.accent", clinic.brand.accent, MIN_GRAPHIC_CONTRAST],
  ] as const;
  return colours.flatMap(([field, given, minimum]) => {
    const shade = given === undefined ? undefined : accessibleShade(given, minimum);
    return shade?.adjusted ? [{ field, given: shade.given, used: shade.used }] : [];
  });
}

/** The warning for a fix: what was wrong, by how much, and what is used instead. */
export function describeContrastFix(file: string, fix: ContrastFix): string {
  const [minimum, use] = fix.field === "brand.primary" ? [MIN_TEXT_CONTRAST, "text"] : [MIN_GRAPHIC_CONTRAST, "borders"];
  const contrast = contrastRatio(fix.given, "white").toFixed(2);
  return `${file}: ${fix.field}: ${fix.given} is too light for ${use} on white (contrast ${contrast}:1, needs ${minimum}:1); using the nearest darker shade ${fix.used}`;
}
