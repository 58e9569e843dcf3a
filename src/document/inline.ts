// Document layer (pure): inline clean-up of one line or cell before it is read — HTML tags and entities,
// Markdown emphasis and escapes, footnote markers — keeping every word. Used by lines.ts and grid.ts.

import { Parser } from "htmlparser2";

/**
 * Text of an HTML fragment, through htmlparser2 (tags dropped, entities decoded, <br> and block ends
 * become spaces, <sup>n</sup> footnote numbers dropped): "Tr&#7921;c <b>tuyến</b><sup>3</sup>" → "Trực tuyến".
 */
export function htmlText(s: string): string {
  let out = "";
  let supDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "sup") supDepth++;
        if (name === "br" || name === "p" || name === "div" || name === "li" || name === "td" || name === "th") out += " ";
      },
      onclosetag(name) {
        if (name === "sup") supDepth = Math.max(0, supDepth - 1);
        if (name === "p" || name === "div" || name === "li" || name === "td" || name === "th" || name === "tr") out += " ";
      },
      ontext(t) {
        // A footnote number in <sup> is a marker; other superscripts ("m<sup>2</sup>") keep their text.
        if (supDepth > 0 && /^\s*\d{1,3}\s*$/.test(t)) return;
        out += t;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(s);
  parser.end();
  return out;
}

/** Only lines that look like HTML go through the parser: "a < b" and "&" in prose stay as written. */
const LOOKS_HTML = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>|&(?:#\d{2,6}|#x[0-9a-f]{2,5}|[a-z]{2,8});/i;

export function stripHtml(s: string): string {
  return LOOKS_HTML.test(s) ? htmlText(s) : s;
}

// Escapes are swapped for private-use placeholders so that an escaped "\*" survives emphasis stripping.
const ESCAPABLE = "*_#-.()[]|\\+!`";
const PLACEHOLDER_BASE = 0xe000;

/**
 * Strip Markdown emphasis and escapes without gluing words together:
 * "**a)** x" → "a) x"; "sung** 485** văn bản" → "sung 485 văn bản"; "ngày 30**tháng" → "ngày 30 tháng";
 * "*Đà Lạt, ngày 24*" → "Đà Lạt, ngày 24"; "\*" → "*"; "b/a * 100%" keeps its multiplication sign.
 */
export function stripMarkdown(s: string): string {
  let t = s.replace(/\\([*_#\-.()[\]|\\+!`])/g, (_m, c: string) => String.fromCharCode(PLACEHOLDER_BASE + ESCAPABLE.indexOf(c)));
  // A bold marker between two letters or digits separated two words ("30**tháng"); elsewhere it only goes.
  t = t.replace(/([\p{L}\p{N}])(?:\*\*|__)+(?=[\p{L}\p{N}])/gu, "$1 ").replace(/\*\*|__/g, "");
  // Single asterisks for italics sit at a word edge; a lone " * " between spaces is an operator.
  t = t.replace(/(^|[^\s*])\*(?=\s|$|[.,;:)”"'])/gu, "$1").replace(/(^|[\s(“"'])\*(?=[^\s*])/gu, "$1");
  t = t.replace(/^\*(.+)\*$/u, "$1");
  return t.replace(/[\ue000-\ue00f]/g, (c) => ESCAPABLE.charAt(c.charCodeAt(0) - PLACEHOLDER_BASE)).replace(/ {2,}$/, "");
}

/**
 * Footnote markers glued to the word or punctuation they annotate go: "đơn giản hóa[1]," → "đơn giản hóa,".
 * A footnote's own text at the foot ("[1] Nghị quyết số …") keeps its number: it starts the line.
 */
export function stripFootnoteMarks(s: string): string {
  return s.replace(/(?<=[\p{L}\p{N}.,;:)”"])\[\d{1,3}\]/gu, "");
}

/** All inline clean-up, then whitespace collapsed: "<b>Bộ&nbsp;Công an</b>[2]" → "Bộ Công an". */
export function cleanInline(s: string): string {
  return stripFootnoteMarks(stripMarkdown(stripHtml(s))).replace(/\s+/g, " ").trim();
}
