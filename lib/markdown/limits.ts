// What Markdown the portal hands to its parser (decision 028). The parser (micromark, under
// react-markdown) builds a tree whose size and depth follow the input's nesting and delimiter
// runs, and some shapes cost it far more memory or time than their length suggests: thousands of
// nested block quotes or list markers on one line, tens of thousands of emphasis markers in one
// paragraph, a table header of thousands of columns that every later row is padded to. These are
// refused when a body is saved or imported, and a stored body over them is never parsed at all.
//
// The check is one pass over the characters with no regular expression and no allocation per
// character, so it costs about as much as reading the text once, whatever the text holds. It is
// deliberately blunt: it does not know where a fenced code block starts or ends (a scanner that
// guessed wrong there could be led to skip what the parser reads), so code counts like prose. The
// limits are set far above anything in the seeded library for that reason.

export const MARKDOWN_LIMITS = {
  /** Characters of one body. */
  chars: 20_000,
  /** Lines of one body. */
  lines: 1_000,
  /** Block quote and list markers opening one line, together: the nesting depth that line reaches. */
  depth: 20,
  /** Block quote and list markers in the whole body (each line's depth, added up). */
  markers: 1_000,
  /** Emphasis, strong and strike-through delimiters (*, _ and ~) in one block of lines without a blank line. */
  delimitersPerBlock: 200,
  /** The same delimiters in the whole body. */
  delimiters: 2_000,
  /** Columns of one table (cells of its delimiter row, such as |---|:--:|). */
  tableColumns: 32,
  /** Cells of all tables together (columns times rows, header included), as the page would show them. */
  tableCells: 2_000,
} as const;

export type MarkdownLimits = { readonly [K in keyof typeof MARKDOWN_LIMITS]: number };

export interface MarkdownProblem {
  /** 1-based line of the text (not of the file it came from). */
  line: number;
  /** The sentence a user sees, naming the limit. */
  message: string;
  /** True when the problem is the text's size as a whole (line is then 1), not one place in it. */
  whole?: boolean;
}

const fmt = (n: number) => n.toLocaleString("en-GB");

const GT = 62; // >
const DASH = 45; // -
const PLUS = 43; // +
const STAR = 42; // *
const UNDERSCORE = 95; // _
const TILDE = 126; // ~
const PIPE = 124; // |
const COLON = 58; // :
const DOT = 46; // .
const PAREN = 41; // )
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

const isBlank = (c: number) => c === SPACE || c === TAB;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The first way `text` goes over the limits, with its line, or null when the parser may have it.
 * Linear in the length of the text; stops at the first problem.
 */
export function markdownProblem(text: string, limits: MarkdownLimits = MARKDOWN_LIMITS): MarkdownProblem | null {
  if (text.length > limits.chars) {
    return { line: 1, whole: true, message: `The text is ${fmt(text.length)} characters long; Markdown is formatted for at most ${fmt(limits.chars)}.` };
  }
  const n = text.length;
  let line = 1;
  let markers = 0;
  let delimiters = 0;
  let blockDelimiters = 0;
  let blockStartLine = 1;
  let cells = 0;
  /** Columns of the table the current line belongs to, or 0 outside a table. */
  let tableColumns = 0;
  let previousBlank = true;
  let i = 0;
  while (i < n) {
    if (line > limits.lines) {
      return { line, message: `The text has more than ${fmt(limits.lines)} lines; Markdown is formatted for at most ${fmt(limits.lines)}.` };
    }
    // ---- One line, from i up to its line break.
    let end = i;
    while (end < n && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end++;

    // Container markers opening the line: > for a block quote, -, +, * or a number with . or ) and
    // a space (or the end of the line) for a list item. Whitespace between them is skipped.
    let depth = 0;
    let j = i;
    let blank = true;
    for (;;) {
      while (j < end && isBlank(text.charCodeAt(j))) j++;
      if (j >= end) break;
      blank = false;
      const c = text.charCodeAt(j);
      if (c === GT) {
        j++;
      } else if ((c === DASH || c === PLUS || c === STAR) && (j + 1 >= end || isBlank(text.charCodeAt(j + 1)))) {
        j++;
      } else if (isDigit(c)) {
        let k = j;
        while (k < end && k - j < 10 && isDigit(text.charCodeAt(k))) k++;
        const after = k < end ? text.charCodeAt(k) : -1;
        if (k - j > 9 || (after !== DOT && after !== PAREN) || (k + 1 < end && !isBlank(text.charCodeAt(k + 1)))) break;
        j = k + 1;
      } else {
        break;
      }
      depth++;
      if (depth > limits.depth) {
        return { line, message: `This line opens more than ${limits.depth} block quotes and list levels (> and list markers); nest at most ${limits.depth} deep.` };
      }
      if (++markers > limits.markers) {
        return { line, message: `By this line the text has more than ${fmt(limits.markers)} block quote and list markers (> and list markers); shorten the lists.` };
      }
    }

    if (blank) {
      blockDelimiters = 0;
      blockStartLine = line + 1;
      tableColumns = 0;
    } else {
      // What follows the container markers: delimiters of emphasis and strike-through, and
      // whether the line is a table's delimiter row (only |, -, : and blanks, with a dash).
      let pipes = 0;
      let columns = 0;
      let inCell = false;
      let onlyTableChars = true;
      let dashes = false;
      for (let k = j; k < end; k++) {
        const c = text.charCodeAt(k);
        if (c === STAR || c === UNDERSCORE || c === TILDE) {
          if (++blockDelimiters > limits.delimitersPerBlock) {
            const where = blockStartLine === line ? "This line holds" : `The lines from line ${blockStartLine} to this one hold`;
            return {
              line,
              message: `${where} more than ${fmt(limits.delimitersPerBlock)} emphasis markers (*, _ or ~) without a blank line between them; put blank lines between paragraphs, or use fewer.`,
            };
          }
          if (++delimiters > limits.delimiters) {
            return { line, message: `By this line the text has more than ${fmt(limits.delimiters)} emphasis markers (*, _ or ~); use fewer.` };
          }
        }
        if (onlyTableChars) {
          if (c === PIPE) {
            pipes++;
            inCell = false;
          } else if (c === DASH || c === COLON) {
            if (c === DASH) dashes = true;
            if (!inCell) {
              columns++;
              inCell = true;
            }
          } else if (!isBlank(c)) {
            onlyTableChars = false;
          }
        }
      }
      if (onlyTableChars && dashes && pipes > 0 && !previousBlank) {
        // A delimiter row under a header line starts a table: the header and this row are cells.
        if (columns > limits.tableColumns) {
          return { line, message: `This table has ${fmt(columns)} columns; a table may have at most ${limits.tableColumns}.` };
        }
        tableColumns = columns;
        cells += 2 * columns;
      } else {
        // Every line up to the next blank one is a row of the table, padded to its columns.
        cells += tableColumns;
      }
      if (cells > limits.tableCells) {
        return { line, message: `By this line the tables have more than ${fmt(limits.tableCells)} cells together; shorten them.` };
      }
    }
    previousBlank = blank;

    // ---- The line break: \r\n, \r or \n.
    if (end < n && text.charCodeAt(end) === CR && end + 1 < n && text.charCodeAt(end + 1) === LF) end++;
    i = end + 1;
    if (end < n) line++;
  }
  return null;
}

/** The same check as one sentence for a form field ("Line 12 of the body: …"), or null. */
export function markdownLimitMessage(text: string, what = "the body"): string | null {
  const problem = markdownProblem(text);
  return problem ? `Line ${fmt(problem.line)} of ${what}: ${problem.message}` : null;
}
