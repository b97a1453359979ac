import { inflateSync } from "node:zlib";
import { decodePDFRawStream, PDFName, type PDFRawStream } from "pdf-lib";

/** A stream's decoded bytes: zlib for plain FlateDecode (what Chromium writes), pdf-lib's decoders for anything else. */
export function decodeStream(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of("Filter"));
  if (filter === PDFName.of("FlateDecode") && !stream.dict.has(PDFName.of("DecodeParms")))
    return new Uint8Array(inflateSync(stream.contents));
  if (filter === undefined) return stream.contents;
  return decodePDFRawStream(stream).decode();
}
