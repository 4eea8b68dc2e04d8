// C0/C1 controls other than the line feed; they have no glyph and no meaning on paper.
const CONTROLS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;
// Every kind of line ending, including the Unicode line and paragraph separators.
const LINE_ENDINGS = /\r\n?|[\u000B\u000C\u0085\u2028\u2029]/g;

/**
 * Prepares user text for typesetting: NFC (so `e` + combining acute becomes `é`),
 * one kind of line break (`\n`), tabs as spaces, control characters removed.
 * Everything else, including `<`, `&`, `(`, `)` and `\`, is kept as written: the
 * renderer writes glyph ids, never text, into the content stream.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(LINE_ENDINGS, '\n').replace(/\t/g, ' ').replace(CONTROLS, '');
}
