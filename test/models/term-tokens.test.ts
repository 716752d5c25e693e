import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { continuesWord, endsWord } from '../../src/models/constraints.js';
import { loadTermTokenizer, type TermTokenizer } from '../../src/models/term-tokens.js';
import { fullTestModels } from '../support/full-models.js';
import { hasShared, sharedSkipReason } from '../support/paths.js';
import { testModels } from '../support/test-models.js';
import { workspace } from '../support/workspace.js';

type Library = typeof import('@huggingface/transformers');

/** The model's tokenizer and its term tokenizer, read from `folder` (`directory/model` unless given). */
async function open(directory: string, model: string, folder = path.join(directory, model)) {
  const transformers: Library = await import('@huggingface/transformers');
  Object.assign(transformers.env, { allowRemoteModels: false, localModelPath: `${directory}/`, logLevel: transformers.LogLevel.ERROR });
  const tokenizer = await transformers.AutoTokenizer.from_pretrained(model, { local_files_only: true });
  const terms = await loadTermTokenizer(transformers, folder, tokenizer);
  const byId = new Map([...tokenizer.get_vocab()].map(([piece, id]) => [id, piece]));
  const pieces = (term: string) => terms.constraint(term)?.map((sequence) => sequence.map((id) => byId.get(id)));
  return { tokenizer, terms, pieces };
}

describe.skipIf(!hasShared)(`terms on the full-size generated Marian, as it writes English${sharedSkipReason}`, () => {
  let side: Awaited<ReturnType<typeof open>>;
  let fallback: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    const directory = await fullTestModels();
    side = await open(directory, 'bitext-test/marian-full');
    // The same model without target.spm: its tokenizer.json writes terms.
    const bare = path.join(workspace(), 'bitext-test/marian-full');
    mkdirSync(bare, { recursive: true });
    for (const file of ['tokenizer.json', 'tokenizer_config.json', 'config.json']) copyFileSync(path.join(directory, 'bitext-test/marian-full', file), path.join(bare, file));
    fallback = await open(directory, 'bitext-test/marian-full', bare);
  }, 10 * 60_000);

  it('segments a term with target.spm, as the model was taught to write English, not with the French side’s pieces', () => {
    expect(side.pieces('Prime Minister')![0]).toEqual(['▁Prime', '▁Minister']);
    expect(fallback.pieces('Prime Minister')![0]).toEqual(['▁Prime', '▁Mini', 'ster']);
  });

  it('also meets a term glued to a quote or bracket before it, and with a capital at a sentence’s head', () => {
    expect(side.pieces('Everyone')).toEqual([['▁Everyone'], ['Every', 'one']]);
    const gas = side.pieces('tear gas')!;
    expect(gas[0]).toEqual(['▁tear', '▁gas']);
    expect(gas).toContainEqual(['▁T', 'ear', '▁gas']);
    expect(side.terms.constraint('tear gas')!.map((sequence) => side.tokenizer.decode([...sequence]))).toEqual(['tear gas', 'tear gas', 'Tear gas', 'Tear gas']);
  });

  it('has no way to write a term its vocabulary lacks a character of, or one its tokenizer would change (NFKC: ™ as TM)', () => {
    expect(side.terms.constraint('Lab 🧿')).toBeUndefined();
    expect(side.terms.constraint('Pokémon™')).toBeUndefined();
    expect(side.terms.constraint('½ price')).toBeUndefined();
    expect(side.terms.constraint('Élysée Palace')).toBeDefined();
  });

  it('knows which pieces glue onto the word before them, and which end in a letter', () => {
    const vocab = side.tokenizer.get_vocab();
    const joins = (piece: string) => side.terms.joins[vocab.get(piece)!]!;
    expect(joins('▁White')).toBe(endsWord);
    expect(joins('s')).toBe(continuesWord | endsWord);
    expect(joins('▁(')).toBe(0);
    expect(joins('<unk>')).toBe(continuesWord | endsWord);
  });
});

describe('terms on the word-by-word Marian', () => {
  let side: TermTokenizer;
  beforeAll(async () => {
    side = (await open(await testModels(), 'bitext-test/marian-tiny')).terms;
  });

  it('writes a term of its vocabulary word by word, and none it would change (its tokenizer lower-cases)', () => {
    expect(side.constraint('big house')).toHaveLength(1);
    expect(side.constraint('big house')![0]).toHaveLength(2);
    expect(side.constraint('ICE')).toBeUndefined();
    expect(side.constraint('Big house')).toBeUndefined();
  });

  it('glues no token onto another: every token is a word', () => {
    expect(side.joins.every((bits) => !(bits & continuesWord) || bits === (continuesWord | endsWord))).toBe(true);
  });
});
