import { inflateSync } from "node:zlib";
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFPage } from "pdf-lib";

/** A stream's decoded bytes: zlib for plain FlateDecode (what Chromium writes), pdf-lib's decoders for anything else. */
export function decodeStream(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of("Filter"));
  if (filter === PDFName.of("FlateDecode") && !stream.dict.has(PDFName.of("DecodeParms")))
    return new Uint8Array(inflateSync(stream.contents));
  if (filter === undefined) return stream.contents;
  return decodePDFRawStream(stream).decode();
}

/** A page's content streams (by reference) and their bytes read as one, with white space between, as a reader does. */
export function pageContent(document: PDFDocument, page: PDFPage): { refs: PDFRef[]; bytes: Uint8Array } {
  const contents = page.node.get(PDFName.of("Contents"));
  const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  const pieces = refs.map((ref) => {
    const stream = ref instanceof PDFRef ? document.context.lookup(ref) : undefined;
    if (!(stream instanceof PDFRawStream)) throw new Error("a content stream that is not a stream object");
    return decodeStream(stream);
  });
  return { refs: refs as PDFRef[], bytes: pieces.length === 1 ? (pieces[0] as Uint8Array) : joinStreams(pieces) };
}

function joinStreams(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((total, piece) => total + piece.length + 1, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    out[at + piece.length] = 0x0a;
    at += piece.length + 1;
  }
  return out;
}
