/**
 * Characters clinic text may not hold: control characters (C0, DEL, C1), which end up raw in the HTML and in
 * the PDF's document information, and the explicit bidirectional formatting characters (embeddings,
 * overrides, isolates), which make text display differently from what it says: "Clinic \u202Egnp.exe"
 * shows as "Clinic exe.png". The bidi marks U+200E, U+200F and U+061C stay allowed: Arabic and Hebrew
 * text uses them, and they cannot reorder anything. Multi-line text (notes) may hold tabs and line breaks.
 */
const HIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const HIDDEN_EXCEPT_LINE_BREAKS = /[^\P{Cc}\t\n\r]|[\u202A-\u202E\u2066-\u2069]/u;

const BIDI_NAMES: Record<number, string> = {
  0x202a: "left-to-right embedding",
  0x202b: "right-to-left embedding",
  0x202c: "pop directional formatting",
  0x202d: "left-to-right override",
  0x202e: "right-to-left override",
  0x2066: "left-to-right isolate",
  0x2067: "right-to-left isolate",
  0x2068: "first strong isolate",
  0x2069: "pop directional isolate",
};

/** What is wrong with the first hidden character of `text`, or undefined when there is none. */
export function hiddenCharacterProblem(text: string, { multiline = false } = {}): string | undefined {
  const match = (multiline ? HIDDEN_EXCEPT_LINE_BREAKS : HIDDEN).exec(text);
  if (!match) return undefined;
  const code = match[0].codePointAt(0) as number;
  const bidi = BIDI_NAMES[code];
  const at = [...text.slice(0, match.index)].length + 1;
  const what = `an invisible ${bidi ?? "control character"} (U+${code.toString(16).toUpperCase().padStart(4, "0")}) at character ${at}`;
  return `holds ${what}; delete it${bidi ? " (it makes text show differently from what it says)" : ""}`;
}
