import { insertAt, parseOperations, type Operand, type Operation } from "./content-stream.ts";
import { multiply, type Matrix } from "./matrix.ts";

/** A rectangle in the page's default coordinates (points, origin at the bottom left). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface MarkedStream {
  /** The stream with every untagged drawing inside `/Artifact BMC … EMC`; the same array when nothing needed it. */
  bytes: Uint8Array;
  /** Artifact sequences added. */
  artifacts: number;
  /** The area painted by each tagged marked-content sequence, by MCID (for Figures' bounding boxes). */
  boxes: Map<number, Box>;
  /** What could not be made conforming (an EMC without its BDC, a form with its own tags drawn untagged). */
  problems: string[];
}

export interface MarkOptions {
  /** Whether the XObject of this resource name is a form with its own tagged content (left alone, never wrapped). */
  isTaggedForm?: (name: string) => boolean;
}

const PATH_START = new Set(["m", "re"]);
const PATH_PART = new Set(["m", "l", "c", "v", "y", "h", "re", "W", "W*"]);
const PATH_END = new Set(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"]);
const TEXT_SHOW = new Set(["Tj", "TJ", "'", '"']);
const MARKED_CONTENT = new Set(["BDC", "BMC", "EMC"]);

/**
 * A graphics object or a group of them: a path (construction to painting), a text object (BT…ET), a q…Q
 * block, one drawing operator (Do, sh, an inline image, or text shown inside a text object), a marked-content
 * operator, or any other operator (graphics state, colour, text state), which paints nothing.
 */
interface Node {
  kind: "other" | "marked" | "paint" | "block" | "text";
  /** Indexes of its first and last operations. */
  first: number;
  last: number;
  /** Draws something. */
  paints: boolean;
  /** Holds a marked-content operator (or draws a form tagged inside): its parts are tagged one by one. */
  mixed: boolean;
  children?: Node[];
}

/**
 * Wrap every drawing that is not inside a marked-content sequence (Chromium's page background, the running
 * header and footer of @page margin boxes, borders drawn by CSS, decorative pictures) in `/Artifact BMC … EMC`,
 * as PDF/UA-1 7.1-3 asks, and measure what each tagged sequence paints.
 *
 * Each artifact sequence wraps whole graphics objects, a run of them where they stand together: it never
 * splits a path, a text object or a q…Q pair, so the graphics state stays balanced inside it and out.
 * Tagged content is never touched. Marked content that tags nothing (no MCID, not an artifact) counts as
 * untagged drawing: it is wrapped whole when it closes where it opened.
 */
export function markArtifacts(bytes: Uint8Array, options: MarkOptions = {}): MarkedStream {
  const operations = parseOperations(bytes);
  const problems: string[] = [];
  const { depths, boxes } = walk(operations, problems);
  const cursor = { index: 0, unclaimed: unclaimedSequences(operations, options) };
  const nodes = sequence(operations, cursor, undefined, options);
  const insertions: { offset: number; text: string }[] = [];
  wrap(nodes, operations, depths, insertions, problems);
  return { bytes: insertAt(bytes, insertions), artifacts: insertions.length / 2, boxes, problems };
}

interface Cursor {
  index: number;
  /** Marked-content sequences that tag nothing, by the index of their BMC or BDC: the index of their EMC. */
  unclaimed: Map<number, number>;
}

/**
 * The marked-content sequences that neither tag content (no MCID) nor mark it as an artifact, and hold nothing
 * that does: Skia writes `/ReversedChars BMC` and `/Span <</ActualText …>> BDC` around right-to-left text
 * even where the text is not tagged (the running footer of an Arabic page). To a PDF/UA checker what they hold
 * is untagged content, so they are drawing like any other here, not tags.
 */
function unclaimedSequences(operations: readonly Operation[], options: MarkOptions): Map<number, number> {
  const found = new Map<number, number>();
  const open: { index: number; claims: boolean; holdsClaim: boolean }[] = [];
  operations.forEach((operation, index) => {
    const { operator, operands } = operation;
    if (operator === "BDC" || operator === "BMC") open.push({ index, claims: claimsContent(operation), holdsClaim: false });
    else if (operator === "EMC") {
      const sequence = open.pop();
      if (!sequence) return;
      const parent = open.at(-1);
      if (sequence.claims || sequence.holdsClaim) {
        if (parent) parent.holdsClaim = true;
      } else found.set(sequence.index, index);
    } else if (operator === "Do") {
      const name = nameOperand(operands[0]);
      const parent = open.at(-1);
      if (parent && name !== undefined && options.isTaggedForm?.(name) === true) parent.holdsClaim = true;
    }
  });
  // Sequences left open claim what they hold: they are not touched.
  return found;
}

/**
 * A BMC or BDC that tags what it holds (an MCID), marks it as an artifact, or might (a property list kept
 * in the resources, which this code does not read).
 */
function claimsContent(operation: Operation): boolean {
  const [tag, properties] = operation.operands;
  if (nameOperand(tag) === "Artifact") return true;
  if (operation.operator === "BMC") return false;
  if (typeof properties === "object" && properties !== null && properties.kind === "dict") return properties.entries.has("MCID");
  return true;
}

/**
 * Nodes from `cursor` up to the operator that closes the enclosing q or BT (not consumed), or up to the
 * operation at `stop` (not consumed either).
 */
function sequence(
  operations: readonly Operation[],
  cursor: Cursor,
  closer: "Q" | "ET" | undefined,
  options: MarkOptions,
  stop = -1,
): Node[] {
  const nodes: Node[] = [];
  while (cursor.index < operations.length) {
    const first = cursor.index;
    const operator = (operations[first] as Operation).operator;
    if (operator === closer || first === stop) return nodes;
    const group = unclaimedGroup(operations, cursor, closer, options);
    if (group) {
      nodes.push(group);
      continue;
    }
    if (operator === "q" || operator === "BT") {
      cursor.index++;
      const children = sequence(operations, cursor, operator === "q" ? "Q" : "ET", options);
      const closed = cursor.index < operations.length;
      const last = closed ? cursor.index++ : operations.length - 1;
      const paints = children.some((child) => child.paints);
      // An unclosed q or BT cannot be wrapped whole: its parts are, one by one.
      const mixed = !closed || children.some((child) => child.mixed || child.kind === "marked");
      nodes.push({ kind: operator === "q" ? "block" : "text", first, last, paints, mixed, children });
      continue;
    }
    cursor.index++;
    if (PATH_START.has(operator)) {
      let last = first;
      while (last + 1 < operations.length && PATH_PART.has((operations[last + 1] as Operation).operator)) last++;
      if (last + 1 < operations.length && PATH_END.has((operations[last + 1] as Operation).operator)) last++;
      cursor.index = last + 1;
      const end = (operations[last] as Operation).operator;
      nodes.push({
        kind: end !== "n" && PATH_END.has(end) ? "paint" : "other",
        first,
        last,
        paints: end !== "n" && PATH_END.has(end),
        mixed: false,
      });
    } else if (operator === "Do") {
      const name = nameOperand(operations[first]?.operands[0]);
      nodes.push({ kind: "paint", first, last: first, paints: true, mixed: name !== undefined && options.isTaggedForm?.(name) === true });
    } else if (operator === "sh" || operator === "BI" || TEXT_SHOW.has(operator)) {
      nodes.push({ kind: "paint", first, last: first, paints: true, mixed: false });
    } else if (MARKED_CONTENT.has(operator) || operator === "Q" || operator === "ET") {
      // A Q or ET without its q or BT must not end up inside an artifact either: it breaks a run like a tag.
      nodes.push({ kind: "marked", first, last: first, paints: false, mixed: true });
    } else {
      nodes.push({ kind: "other", first, last: first, paints: false, mixed: false });
    }
  }
  return nodes;
}

/**
 * The marked-content sequence that starts at the cursor, when it tags nothing and closes at the same level
 * (not inside a q…Q or BT…ET it opened, nor after the one it opened in): one group, wrapped whole like a
 * q…Q block. Otherwise undefined, the cursor unmoved, and the sequence is read operator by operator.
 */
function unclaimedGroup(operations: readonly Operation[], cursor: Cursor, closer: "Q" | "ET" | undefined, options: MarkOptions) {
  const first = cursor.index;
  const last = cursor.unclaimed.get(first);
  if (last === undefined) return undefined;
  cursor.index++;
  const children = sequence(operations, cursor, closer, options, last);
  if (cursor.index !== last) {
    cursor.index = first;
    cursor.unclaimed.delete(first);
    return undefined;
  }
  cursor.index++;
  const paints = children.some((child) => child.paints);
  const mixed = children.some((child) => child.mixed || child.kind === "marked");
  return { kind: "block", first, last, paints, mixed, children } satisfies Node;
}

/** Put each run of untagged drawing among `nodes` in an artifact; go into the groups that mix tagged and untagged. */
function wrap(
  nodes: readonly Node[],
  operations: readonly Operation[],
  depths: Int32Array,
  insertions: { offset: number; text: string }[],
  problems: string[],
): void {
  let runFirst = -1;
  let runLast = -1;
  const flush = () => {
    if (runFirst >= 0) {
      insertions.push(
        { offset: (operations[runFirst] as Operation).start, text: "/Artifact BMC\n" },
        { offset: (operations[runLast] as Operation).end, text: "\nEMC" },
      );
    }
    runFirst = runLast = -1;
  };
  for (const node of nodes) {
    if (node.kind === "marked" || node.mixed) {
      flush();
      if (node.children) wrap(node.children, operations, depths, insertions, problems);
      else if (node.kind === "paint" && depths[node.first] === 0)
        problems.push("a form XObject with its own tags is drawn outside any tag");
      continue;
    }
    if (!node.paints) continue; // state, clipping: harmless inside a run or outside it
    if (depths[node.first] === 0) {
      if (runFirst < 0) runFirst = node.first;
      runLast = node.last;
    } else {
      flush();
    }
  }
  flush();
}

/**
 * One pass in drawing order: the marked-content depth before each operation, and the box each MCID's
 * drawing covers (paths and images, through the current transformation; text is not measured).
 */
function walk(operations: readonly Operation[], problems: string[]): { depths: Int32Array; boxes: Map<number, Box> } {
  const depths = new Int32Array(operations.length);
  const boxes = new Map<number, Box>();
  const marks: (number | undefined)[] = [];
  const saved: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let path: number[] = [];
  let unbalanced = false;
  const addPoint = (x: number, y: number) => path.push(ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]);
  const paint = (points: readonly number[]) => {
    let mcid: number | undefined;
    for (let level = marks.length - 1; level >= 0 && mcid === undefined; level--) mcid = marks[level];
    if (mcid === undefined || points.length === 0) return;
    const box = boxes.get(mcid) ?? { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    for (let index = 0; index < points.length; index += 2) {
      box.x0 = Math.min(box.x0, points[index] as number);
      box.x1 = Math.max(box.x1, points[index] as number);
      box.y0 = Math.min(box.y0, points[index + 1] as number);
      box.y1 = Math.max(box.y1, points[index + 1] as number);
    }
    boxes.set(mcid, box);
  };
  operations.forEach((operation, index) => {
    depths[index] = marks.length;
    switch (operation.operator) {
      case "BDC":
        marks.push(mcidOf(operation.operands[1]));
        break;
      case "BMC":
        marks.push(undefined);
        break;
      case "EMC":
        if (marks.length === 0) unbalanced = true;
        marks.pop();
        break;
      case "q":
        saved.push(ctm);
        break;
      case "Q":
        ctm = saved.pop() ?? ctm;
        break;
      case "cm": {
        const numbers = numbersOf(operation);
        if (numbers.length === 6) ctm = multiply(numbers as Matrix, ctm);
        break;
      }
      case "m":
      case "l":
      case "c":
      case "v":
      case "y": {
        const numbers = numbersOf(operation);
        for (let at = 0; at + 1 < numbers.length; at += 2) addPoint(numbers[at] as number, numbers[at + 1] as number);
        break;
      }
      case "re": {
        const [x = 0, y = 0, width = 0, height = 0] = numbersOf(operation);
        addPoint(x, y);
        addPoint(x + width, y + height);
        addPoint(x, y + height);
        addPoint(x + width, y);
        break;
      }
      case "Do":
      case "BI": {
        path = [];
        for (const [x, y] of [
          [0, 0],
          [1, 0],
          [0, 1],
          [1, 1],
        ] as const)
          addPoint(x, y);
        paint(path);
        path = [];
        break;
      }
      default:
        if (PATH_END.has(operation.operator)) {
          if (operation.operator !== "n") paint(path);
          path = [];
        }
    }
  });
  if (unbalanced) problems.push("an EMC without its BDC");
  if (marks.length > 0) problems.push("a marked-content sequence is not closed");
  return { depths, boxes };
}

/** The operands of an operation that are numbers (all of them, for the operators that take only numbers). */
function numbersOf(operation: Operation): number[] {
  return operation.operands.filter((operand): operand is number => typeof operand === "number");
}

function nameOperand(operand: Operand | undefined): string | undefined {
  return typeof operand === "object" && operand !== null && operand.kind === "name" ? operand.name : undefined;
}

/** The MCID of a BDC's property list, when it is written in the stream (as Chromium does). */
function mcidOf(operand: Operand | undefined): number | undefined {
  if (typeof operand !== "object" || operand === null || operand.kind !== "dict") return undefined;
  const mcid = operand.entries.get("MCID");
  return typeof mcid === "number" ? mcid : undefined;
}
