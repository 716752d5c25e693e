import type { LineCounter, YAMLError } from 'yaml';

/** A YAML syntax error in words a user can act on, at its offset in the text. */
export interface SyntaxProblem {
  offset: number;
  message: string;
  severity: 'error' | 'warning';
}

// Errors after which the parser's tree is a guess: what it reports next on those lines is knock-on noise.
const structural = new Set(['TAB_AS_INDENT', 'BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'MISSING_CHAR', 'UNEXPECTED_TOKEN', 'BAD_DIRECTIVE', 'MISSING_CHAR']);

/**
 * The syntax errors worth reading: the first structural one (a tab, an indentation, a key that runs over a line) and
 * not the knock-on errors the parser reports after it. Messages say what is wrong in the file's own terms (which
 * line, which column) and what to do.
 */
export function describeSyntaxErrors(errors: readonly YAMLError[], warnings: readonly YAMLError[], text: string, lines: LineCounter): SyntaxProblem[] {
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const first = sorted.find((error) => structural.has(error.code));
  const kept = sorted.filter((error) => error === first || (!structural.has(error.code) && (!first || error.pos[0] < first.pos[0])));
  return [
    ...kept.map((error) => ({ ...{ offset: error.pos[0] }, ...reword(error, text, lines), severity: 'error' as const })),
    ...warnings.map((warning) => ({ offset: warning.pos[0], message: firstLine(warning.message), severity: 'warning' as const })),
  ];
}

/** The message, and where to point when the error's own place is not the line to fix. */
function reword(error: YAMLError, text: string, lines: LineCounter): { message: string; offset?: number } {
  const message = wording(error, text, lines);
  return typeof message === 'string' ? { message } : message;
}

function wording(error: YAMLError, text: string, lines: LineCounter): string | { message: string; offset: number } {
  const { line } = lines.linePos(error.pos[0]);
  const lineText = (number: number) => text.split('\n')[number - 1] ?? '';
  const indent = (number: number) => /^ */.exec(lineText(number))![0].length;
  const key = (number: number) => /^\s*(?:-\s+)?([^\s:#]+)\s*:/.exec(lineText(number))?.[1];
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return 'A tab indents this line; YAML indents with spaces only: replace the tab with spaces, as many as the lines around it use';
    case 'BAD_INDENT':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      // The line and its neighbour that disagree: one indented more, or less, than the item it follows.
      const [upper, lower] = indent(line + 1) > indent(line) && key(line + 1) ? [line, line + 1] : [line - 1, line];
      if (key(upper) && key(lower) && indent(upper) !== indent(lower)) {
        return {
          message: `\`${key(lower)}\` starts in column ${indent(lower) + 1}, \`${key(upper)}\` on the line above in column ${indent(upper) + 1}: the keys of one mapping (a stage's options, say) must start in the same column`,
          offset: lines.lineStarts[lower - 1]! + indent(lower),
        };
      }
      return `${firstLine(error.message)}: check the indentation of this line and the one above it`;
    }
    default:
      return firstLine(error.message);
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

