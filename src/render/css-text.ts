/** CSS string literal for any text: quotes, backslashes, newlines and angle brackets escaped as code points. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"\n\r\f<>]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `)}"`;
}

/** A `content:` value for "Page {page} of {pages}" in any language: text pieces around page counters. */
export function pageCounterContent(template: string): string {
  return template
    .split(/(\{pages?\})/)
    .filter((piece) => piece !== "")
    .map((piece) => (piece === "{page}" ? "counter(page)" : piece === "{pages}" ? "counter(pages)" : cssString(piece)))
    .join(" ");
}
