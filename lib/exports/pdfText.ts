// Text for the PDF's standard fonts. Helvetica is one of the PDF standard 14 fonts, so nothing is embedded or
// downloaded, but those fonts only encode WinAnsi (Windows-1252): any other character is drawn as a wrong glyph or
// not at all. Every string the PDF shows passes through `pdfText`, which rewrites what the figures and reasons use
// (the typographic minus, ≥, ≤, arrows) and reduces anything else to its closest WinAnsi spelling.

/** WinAnsi's characters outside Latin-1, which pdfkit maps to their Windows-1252 codes. */
const WIN_ANSI_EXTRAS = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/** Spellings for symbols the app writes that WinAnsi lacks. */
const REPLACEMENTS: Record<string, string> = {
  "−": "-",
  "≥": ">=",
  "≤": "<=",
  "→": "->",
  "←": "<-",
  "≈": "~",
  "≠": "!=",
};

function isWinAnsi(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(character);
}

/**
 * `text` in characters the standard fonts can draw. Beyond the replacements, a character is decomposed (NFKD) and
 * kept for the parts WinAnsi has, so "ő" stays readable as "o" and a thin space becomes a space; what has no
 * such spelling (e.g. CJK) becomes "?", visibly missing rather than silently garbled. Line breaks are kept,
 * tabs become spaces.
 */
export function pdfText(text: string): string {
  let result = "";
  for (const character of text) {
    if (character === "\n" || isWinAnsi(character)) result += character;
    else if (character === "\t") result += " ";
    else if (REPLACEMENTS[character] !== undefined) result += REPLACEMENTS[character];
    else {
      const decomposed = [...character.normalize("NFKD")].filter(isWinAnsi).join("");
      result += decomposed === "" ? "?" : decomposed;
    }
  }
  return result;
}
