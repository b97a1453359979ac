import { createRequire } from "node:module";
import path from "node:path";

/**
 * The icons section text may use, by the name writers use, from Tabler Icons (MIT, installed from npm):
 * outline drawings in one stroke colour, so they print as clearly in black and white as on screen.
 */
export const ICONS = {
  "no-driving": "car-off",
  "ride-home": "car",
  phone: "phone",
  emergency: "ambulance",
  clock: "clock",
  "no-alcohol": "glass-off",
  medicines: "pill",
  checklist: "list-check",
  warning: "alert-triangle",
  "heart-monitor": "heart-rate-monitor",
  rest: "bed",
  diary: "notebook",
  question: "help-circle",
  calendar: "calendar",
} as const;

export type IconName = keyof typeof ICONS;

/** Drawings of our own, in templates/assets/illustrations/, for what icons are too small to show. */
export const ILLUSTRATIONS = {
  /** A bag of medicine on a pole, a thin tube, and a small IV in the back of a hand. */
  "iv-infusion": { width: 240, height: 180 },
} as const;

export function isIllustrationName(name: string): name is keyof typeof ILLUSTRATIONS {
  return Object.hasOwn(ILLUSTRATIONS, name);
}

export function isIconName(name: string): name is IconName {
  return Object.hasOwn(ICONS, name);
}

/** The SVG file of each icon in the installed icon set, by the file name it is published under. */
export function iconFiles(): Record<string, string> {
  const outline = path.join(path.dirname(createRequire(import.meta.url).resolve("@tabler/icons/package.json")), "icons", "outline");
  return Object.fromEntries(Object.entries(ICONS).map(([name, file]) => [`${name}.svg`, path.join(outline, `${file}.svg`)]));
}
