import { describe, expect, it } from 'vitest';
import { endsSentence, scoreSegmentation } from '../../scripts/evaluate/segmentation-score.js';

describe('scoreSegmentation (scripts/evaluate/segmentation-score.ts)', () => {
  const lines = ['Il pleut.', 'Le maire parle. Il se tait.', 'Titre sans point', 'Fin « du jeu. »', 'Encore.', 'Dernière.'];
  // Paragraphs of three lines; an end is expected after lines 1, 2 (not 3, a title, nor 6, the paragraph's end), 4
  // (the quote closes) and 5.
  const cutAfterPeriods = (paragraph: string) => paragraph.split(/(?<=[.»])\s+(?=\p{Lu})/u);

  it('counts the ends found between lines of a paragraph, and only after lines that end a sentence', () => {
    const score = scoreSegmentation(lines, cutAfterPeriods, 3);
    expect(score).toMatchObject({ lines: 6, ends: 4, found: 4, linesCutInside: 1 });
    expect(score.insideCuts).toEqual([{ line: 2, pieces: ['Le maire parle.', 'Il se tait.'] }]);
  });

  it('lists the misses with the text either side', () => {
    const score = scoreSegmentation(lines, (paragraph) => [paragraph], 3);
    expect(score).toMatchObject({ ends: 4, found: 0, linesCutInside: 0 });
    expect(score.misses.map((miss) => miss.line)).toEqual([1, 2, 4, 5]);
    expect(score.misses[0]).toMatchObject({ before: 'Il pleut.', after: 'Le maire parle. Il se tait.' });
  });

  it('scores segments whose whitespace changed, and refuses segments that lose text', () => {
    const spaced = scoreSegmentation(['Un.', 'Deux.'], () => ['Un. ', '  Deux.'], 2);
    expect(spaced).toMatchObject({ ends: 1, found: 1 });
    expect(() => scoreSegmentation(['Un.', 'Deux.'], () => ['Un.'], 2)).toThrow('do not give the paragraph back');
  });

  it.each([
    ['Il pleut.', true],
    ['« Il pleut ! »', true],
    ['Vraiment ?)', true],
    ['Il hésite…', true],
    ['Titre sans point', false],
    ['Il dit :', false],
  ])('%s ends a sentence: %s', (line, expected) => {
    expect(endsSentence(line)).toBe(expected);
  });
});
