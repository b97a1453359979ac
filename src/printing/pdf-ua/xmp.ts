/** What the XMP metadata of a handout says; the same facts as its document information dictionary. */
export interface XmpFacts {
  title: string;
  lang: string;
  author: string;
  subject: string;
  keywords: string;
  creatorTool: string;
  producer: string;
  /** Creation, modification and metadata date: fixed per input, so the same input gives the same bytes. */
  date: Date;
  /** Claim conformance to PDF/UA-1 (pdfuaid:part 1): only for a file that meets it. */
  pdfUa: boolean;
}

// XML 1.0 has no way to write these control characters, so they are dropped rather than escaped.
const escapeXml = (text: string) =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");

/** "2026-11-28T00:00:00Z": XMP's form of a date, to the second, in UTC. */
export const xmpDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * The XMP packet (ISO 16684-1) PDF/UA-1 asks for in the catalog: dc:title (7.1-9), the language, and the
 * PDF/UA identifier pdfuaid:part (5-1). No time of the build and no random id: the same input gives the same bytes.
 */
export function xmpPacket(facts: XmpFacts): string {
  const date = xmpDate(facts.date);
  const lang = escapeXml(facts.lang);
  const lines = [
    `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>`,
    `<x:xmpmeta xmlns:x="adobe:ns:meta/">`,
    `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"${facts.pdfUa ? ` xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"` : ""}>`,
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(facts.title)}</rdf:li><rdf:li xml:lang="${lang}">${escapeXml(facts.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${escapeXml(facts.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(facts.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`,
    `<pdf:Keywords>${escapeXml(facts.keywords)}</pdf:Keywords>`,
    `<pdf:Producer>${escapeXml(facts.producer)}</pdf:Producer>`,
    `<xmp:CreatorTool>${escapeXml(facts.creatorTool)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    ...(facts.pdfUa ? [`<pdfuaid:part>1</pdfuaid:part>`] : []),
    `</rdf:Description>`,
    `</rdf:RDF>`,
    `</x:xmpmeta>`,
    `<?xpacket end="w"?>`,
  ];
  return lines.join("\n");
}
