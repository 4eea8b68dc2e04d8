import { PauzError } from '../../errors.js';

/** An RGB colour, each channel 0–1. */
export type Rgb = readonly [number, number, number];

/** How a piece of text looks. */
export interface TextStyle {
  size: number;
  /** Line height as a multiple of `size`. */
  leading: number;
  color: Rgb;
  /** Drawn bold by stroking the outlines (works with any single-weight font). */
  bold: boolean;
}

/** Page geometry and the text styles of every element. All lengths in points. */
export interface PdfTheme {
  pageWidth: number;
  pageHeight: number;
  margin: number;
  title: TextStyle;
  subtitle: TextStyle;
  heading1: TextStyle;
  heading2: TextStyle;
  body: TextStyle;
  muted: TextStyle;
  label: TextStyle;
  footer: TextStyle;
  ruleColor: Rgb;
  /** Space after a paragraph, item or list, as a multiple of the body size. */
  blockGap: number;
  /** Indent of list items and answers. */
  indent: number;
}

/** Page sizes by name, in points (portrait). */
export const PAGE_SIZES = {
  A4: [595.28, 841.89],
  Letter: [612, 792],
} as const satisfies Record<string, readonly [number, number]>;

const INK: Rgb = [0.11, 0.12, 0.15];
const GREY: Rgb = [0.42, 0.45, 0.5];
const SLATE: Rgb = [0.2, 0.22, 0.36];

/** Builds the theme from the few knobs a host can turn. */
export function themeFor(pageSize: readonly [number, number], bodySize: number, margin: number): PdfTheme {
  const [pageWidth, pageHeight] = pageSize;
  if (!(bodySize >= 6 && bodySize <= 36)) throw new PauzError('VALIDATION_FAILED', 'PDF fontSize must be between 6 and 36 points');
  if (!(margin >= 0) || !(pageWidth - 2 * margin >= bodySize * 10) || !(pageHeight - 2 * margin >= bodySize * 10)) {
    throw new PauzError('VALIDATION_FAILED', 'PDF page size and margin leave too little room for text');
  }
  const s = bodySize;
  return {
    pageWidth,
    pageHeight,
    margin,
    title: { size: s * 2, leading: 1.2, color: INK, bold: true },
    subtitle: { size: s * 0.95, leading: 1.4, color: GREY, bold: false },
    heading1: { size: s * 1.35, leading: 1.3, color: SLATE, bold: true },
    heading2: { size: s * 1.12, leading: 1.3, color: SLATE, bold: true },
    body: { size: s, leading: 1.45, color: INK, bold: false },
    muted: { size: s * 0.92, leading: 1.45, color: GREY, bold: false },
    label: { size: s, leading: 1.4, color: SLATE, bold: true },
    footer: { size: s * 0.8, leading: 1.2, color: GREY, bold: false },
    ruleColor: [0.82, 0.83, 0.87],
    blockGap: 0.6,
    indent: s * 1.4,
  };
}
