// The benchmarks' journal text (also packages/core/bench/pdf.ts's): deterministic
// journal-like prose, 46,500 words ≈ 295,000 characters ≈ 100 pages.
const VOCABULARY = `i we the a and to of in it was my me that for on with today felt morning evening walk coffee
  friend family work tired calm happy grateful anxious quiet light rain sun river park book music dinner call
  remembered noticed decided maybe really little better again still never always something someone nothing
  because while after before slowly finally honestly tomorrow yesterday week weekend meeting project deadline
  breathing sleep dream garden flowers tea kitchen window street city train bus bike run yoga stretch breath
  conversation laughter silence thoughts worries plans hopes small big long short warm cold bright grey soft
  loud gentle kind patient proud lonely together alone home office messages phone notebook page pen words`
  .split(/\s+/)
  .filter(Boolean);

function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `words` words of journal prose (ASCII, so Helvetica can draw it), as paragraphs. */
export function journalParagraphs(words = 46_500) {
  const next = random(42);
  const pick = () => VOCABULARY[Math.floor(next() * VOCABULARY.length)];
  const paragraphs = [];
  let left = words;
  while (left > 0) {
    const sentences = [];
    for (let s = 0, n = 3 + Math.floor(next() * 6); s < n && left > 0; s++) {
      const length = Math.min(left, 6 + Math.floor(next() * 14));
      left -= length;
      const sentence = Array.from({ length }, pick).join(' ');
      sentences.push(sentence.charAt(0).toUpperCase() + sentence.slice(1) + (next() < 0.15 ? '?' : '.'));
    }
    paragraphs.push(sentences.join(next() < 0.1 ? '\n' : ' '));
  }
  return paragraphs;
}

/** `words` words of journal prose, paragraphs separated by blank lines. */
export function journalText(words = 46_500) {
  return journalParagraphs(words).join('\n\n');
}

/** Journal text of exactly `chars` characters (the 100-page text, repeated or cut). */
export function journalTextOfLength(chars) {
  const base = journalText();
  return base.repeat(Math.ceil(chars / base.length)).slice(0, chars);
}
