/** Paper sizes in PDF points (72 per inch), as Chromium prints them. */
export const PAPER_POINTS = { Letter: { width: 612, height: 792 }, A4: { width: 595, height: 842 } } as const;

export type Paper = keyof typeof PAPER_POINTS;

/** Width of a first-page thumbnail in pixels: enough for a card or a report row, small enough to cost little. */
export const THUMBNAIL_WIDTH = 200;

/** A thumbnail's size on a paper (height rounded up, as pdftoppm does), so pages can reserve its space. */
export function thumbnailSize(paper: Paper): { width: number; height: number } {
  const { width, height } = PAPER_POINTS[paper];
  return { width: THUMBNAIL_WIDTH, height: Math.ceil((height * THUMBNAIL_WIDTH) / width) };
}
