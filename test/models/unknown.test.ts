import { describe, expect, it } from 'vitest';
import { restoreUnknown, unknownMarker, unknownStretches } from '../../src/models/unknown.js';

const unk = 1;

describe('unknownStretches', () => {
  it('finds, in order, the text each unknown token stands for, as written in the source', () => {
    // A word-level tokenizer lower-cases (`xylophone`); NFKC turns `Ǳ` into `DZ`, which lower-cases to `dz` as `ǳ` does.
    const tokens = ['le', 'xylophone', 'et', 'le', 'ǳ', 'et', 'le', 'xylophone', '.'];
    const ids = [5, unk, 6, 5, unk, 6, 5, unk, 7];
    expect(unknownStretches('Le Xylophone et le Ǳ et le XYLOPHONE.', tokens, ids, unk, '<unk>')).toEqual(['Xylophone', 'Ǳ', 'XYLOPHONE']);
  });

  it('reads SentencePiece pieces without their word marks, and fused unknown characters as one stretch', () => {
    const tokens = ['▁Le', '▁', '😀😀', '▁mange', '‍'];
    expect(unknownStretches('Le 😀😀 mange‍', tokens, [5, 6, unk, 7, unk], unk, '<unk>')).toEqual(['😀😀', '\u200d']);
  });

  it('gives nothing for an unknown token the tokenizer kept no trace of, and its own reading for one not in the text', () => {
    expect(unknownStretches('Un mot', ['un', '[UNK]', 'ﬀ'], [5, unk, unk], unk, '[UNK]')).toEqual([undefined, 'ﬀ']);
    // Tokens that do not line up with their ids: nothing can be told.
    expect(unknownStretches('Un mot', ['un'], [5, unk], unk, '<unk>')).toEqual([undefined]);
  });
});

describe('unknownStretches, where a lower-cased word is also inside a later one', () => {
  it('takes the earliest place, at the start of a word first, and gives it back with the source\'s case', () => {
    const text = 'avec l’ICE, telles que Palantir, Amazon Web Services';
    const tokens = ['▁avec', '▁l', '’', 'ice', ',', '▁telles', '▁que', '▁palantir', ',', '▁amazon', '▁web', '▁services'];
    const ids = [1, 1, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0];
    expect(unknownStretches(text, tokens, ids, 0, '<unk>')).toEqual(['ICE', 'Palantir', 'Amazon', 'Web', 'Services']);
    // A piece that starts a word is not taken from inside one: "ice" of a lone "▁ice" is "Ice", not "Serv-ice-s".
    expect(unknownStretches('Services et Ice', ['▁services', '▁et', '▁ice'], [1, 1, 0], 0, '<unk>')).toEqual(['Ice']);
  });
});

describe('restoreUnknown', () => {
  it('fills each unknown token in turn, and shows the marker where there is nothing to fill it with', () => {
    expect(restoreUnknown('the <unk> sees the <unk>.', '<unk>', 2, ['Xylophone'])).toEqual({ text: `the Xylophone sees the ${unknownMarker}.`, unknown: { restored: ['Xylophone'], missing: 1 } });
    expect(restoreUnknown('the <unk> sees the <unk>.', '<unk>', 2, [undefined, '😀'])).toEqual({ text: `the ${unknownMarker} sees the 😀.`, unknown: { restored: ['😀'], missing: 1 } });
  });

  it('counts as missing an unknown token that decoding did not show', () => {
    expect(restoreUnknown('the cat', '<unk>', 1, ['😀'])).toEqual({ text: 'the cat', unknown: { restored: [], missing: 1 } });
  });
});
