import { readFile } from 'node:fs/promises';
import { isNameOf, type KnownTestSet } from './test-sets.js';

/** One published score of a model on a test set, as a score file transcribes it. */
export interface PublishedScore {
  model: string;
  testSet: string;
  /** chrF2 from 0 to 100, sacreBLEU 2's scale: the file's 0-to-1 value times 100; absent where the file has `-`. */
  chrf?: number;
  /** BLEU from 0 to 100; absent where the file has `-`. */
  bleu?: number;
  /** Segments in the test set, when the file gives them. */
  segments?: number;
  /** Reference tokens (sacreBLEU's `ref_len`), when the file gives them. */
  referenceWords?: number;
  /** Where the numbers were transcribed from; `same` in the file stands for the source of the row above. */
  source: string;
  /** The row's line in the file, from 1. */
  line: number;
}

/** One problem in a score file, on a line counted from 1. */
export interface ScoresFileProblem {
  line: number;
  message: string;
}

/** A score file that is not in the published-scores format; every problem found is listed. */
export class PublishedScoresError extends Error {
  override name = 'PublishedScoresError';
  constructor(
    readonly file: string,
    readonly problems: ScoresFileProblem[],
  ) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}: ${problems.map((problem) => `line ${problem.line}: ${problem.message}`).join('; ')}`);
  }
}

type Column = 'model' | 'testset' | 'chrF' | 'BLEU' | 'n_sents' | 'ref_words' | 'source';
const known: readonly Column[] = ['model', 'testset', 'chrF', 'BLEU', 'n_sents', 'ref_words', 'source'];

/**
 * Reads a published-scores file (such as `opus-mt-fr-en_published_scores.tsv`); rejects with a
 * {@link PublishedScoresError}, or with the file system's error when the file cannot be read.
 */
export async function readPublishedScores(file: string): Promise<PublishedScore[]> {
  return parsePublishedScores(await readFile(file, 'utf8'), file);
}

/**
 * Parses the published-scores format. Lines starting with `#` are comments, except column lines: `# model`, tab,
 * `testset`, then tab-separated names among `chrF BLEU n_sents ref_words` and `source…`, which give the fields of
 * the rows after them. In a row, chrF is from 0 to 1, BLEU from 0 to 100, `-` marks a number not given, and a source
 * `same` (perhaps followed by a note) stands for the source of the row above.
 */
export function parsePublishedScores(text: string, file: string): PublishedScore[] {
  const scores: PublishedScore[] = [];
  const problems: ScoresFileProblem[] = [];
  let columns: Column[] | undefined;
  let previousSource: string | undefined;
  text.replace(/^\uFEFF/u, '').split(/\r?\n/u).forEach((content, index) => {
    const line = index + 1;
    const report = (message: string) => problems.push({ line, message });
    if (content.trim() === '') return;
    if (content.startsWith('#')) {
      const names = content.replace(/^#\s*/u, '').trimEnd().split('\t');
      if (names[0] !== 'model' || names[1] !== 'testset') return;
      const unknown = names.filter((name) => !known.includes(name as Column) && !name.startsWith('source'));
      const missing = (['source', 'chrF|BLEU'] as const).filter((need) => !names.some((name) => need.split('|').some((one) => name.startsWith(one))));
      if (unknown.length > 0) report(`expected columns among ${known.join(', ')}, found ${unknown.map((name) => `\`${name}\``).join(', ')}`);
      if (missing.length > 0) report(`expected a column ${missing.map((need) => need.replace('|', ' or ')).join(' and a column ')}, found none`);
      columns = unknown.length + missing.length > 0 ? undefined : names.map((name) => (name.startsWith('source') ? 'source' : (name as Column)));
      return;
    }
    if (!columns) {
      if (!problems.some((problem) => problem.message.startsWith('expected the column line'))) {
        report(`expected the column line \`# ${known.join('<TAB>')}\` before the first score`);
      }
      return;
    }
    const fields = content.split('\t');
    if (fields.length !== columns.length) {
      report(`expected ${columns.length} tab-separated fields (${columns.join(', ')}), found ${fields.length}`);
      return;
    }
    const row = new Map(columns.map((column, position) => [column, fields[position]!]));
    const field = (column: Column) => row.get(column) ?? '-';
    const rowProblems = [
      field('model').trim() === '' ? 'expected a model name, found an empty field' : '',
      field('testset').trim() === '' ? 'expected a test set name, found an empty field' : '',
      checkDecimal('chrF', field('chrF'), 1, 'from 0 to 1 (the 0-to-1 scale)'),
      checkDecimal('BLEU', field('BLEU'), 100, 'from 0 to 100'),
      field('chrF') === '-' && field('BLEU') === '-' ? 'expected a chrF or a BLEU score, found neither' : '',
      checkCount('n_sents', field('n_sents')),
      checkCount('ref_words', field('ref_words')),
      /^same\b/u.test(field('source')) && previousSource === undefined ? 'expected a source, found `same` with no row above' : '',
    ].filter(Boolean);
    rowProblems.forEach(report);
    // `same (a note)` keeps its note, but the row below refers to the source itself.
    const same = /^same\b/u.test(field('source'));
    const source = same ? `${previousSource ?? ''}${field('source').slice('same'.length)}` : field('source');
    if (!same) previousSource = source;
    if (rowProblems.length > 0) return;
    scores.push({
      model: field('model'),
      testSet: field('testset'),
      ...(field('chrF') === '-' ? {} : { chrf: percent(field('chrF')) }),
      ...(field('BLEU') === '-' ? {} : { bleu: Number(field('BLEU')) }),
      ...(field('n_sents') === '-' ? {} : { segments: Number(field('n_sents')) }),
      ...(field('ref_words') === '-' ? {} : { referenceWords: Number(field('ref_words')) }),
      source,
      line,
    });
  });
  if (problems.length > 0) throw new PublishedScoresError(file, problems);
  return scores;
}

/**
 * The published scores on a test set, under its name or any of its aliases, in the file's order; of one model only
 * when `model` is given, as a Hugging Face id (`Helsinki-NLP/opus-mt-fr-en`) or a name, which matches a row's model
 * with or without the owner and the release in parentheses (`opus-mt-fr-en(opus-2020-02-26)`).
 */
export function publishedScoresFor(scores: readonly PublishedScore[], testSet: KnownTestSet, model?: string): PublishedScore[] {
  const names = model === undefined ? undefined : [model, model.slice(model.indexOf('/') + 1)];
  return scores.filter((score) => isNameOf(testSet, score.testSet) && (!names || names.includes(score.model.replace(/\(.*\)$/u, ''))));
}

// 0.63278 becomes 63.278 by moving the decimal point in the text, which multiplying by 100 would not give exactly.
function percent(fraction: string): number {
  const [whole, decimals = ''] = fraction.split('.') as [string, string?];
  return Number(`${whole}${decimals.slice(0, 2).padEnd(2, '0')}.${decimals.slice(2)}`);
}

function checkDecimal(column: string, field: string, maximum: number, range: string): string {
  if (field === '-' || (/^\d+(\.\d+)?$/u.test(field) && Number(field) <= maximum)) return '';
  return `expected ${column} as a number ${range} or \`-\`, found \`${field}\``;
}

function checkCount(column: string, field: string): string {
  return field === '-' || /^\d+$/u.test(field) ? '' : `expected ${column} as a whole number or \`-\`, found \`${field}\``;
}
