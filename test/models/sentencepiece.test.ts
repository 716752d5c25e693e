import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSentencePieces, unigramTokenizer } from '../../src/models/sentencepiece.js';
import { hasShared, shared, sharedSkipReason } from '../support/paths.js';
import { workspace } from '../support/workspace.js';

const reference = path.join(shared, 'reference-models/Xenova/opus-mt-fr-en');

describe.skipIf(!hasShared)(`the Unigram tokenizer built from opus-mt-fr-en's source.spm${sharedSkipReason}`, () => {
  it('reads every piece of the SentencePiece model, with scores', () => {
    const pieces = readSentencePieces(readFileSync(path.join(reference, 'source.spm')));
    expect(pieces.length).toBe(32_000);
    expect(pieces.slice(0, 3).map((piece) => piece.type)).toEqual([2, 3, 3]);
    const normal = pieces.filter((piece) => piece.type === 1);
    expect(normal.every((piece) => piece.piece.length > 0 && Number.isFinite(piece.score) && piece.score <= 0)).toBe(true);
    expect(normal.map((piece) => piece.piece)).toContain('▁gouvernement');
  });

  it('segments French into SentencePiece pieces numbered by vocab.json, ending with </s>', async () => {
    const vocab = JSON.parse(readFileSync(path.join(reference, 'vocab.json'), 'utf8')) as Record<string, number>;
    const pieces = readSentencePieces(readFileSync(path.join(reference, 'source.spm')));
    const folder = path.join(workspace(), 'owner/marian');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'tokenizer.json'), JSON.stringify(unigramTokenizer(vocab, pieces, { eos: '</s>', unk: '<unk>', pad: '<pad>' })));
    writeFileSync(path.join(folder, 'tokenizer_config.json'), JSON.stringify({ tokenizer_class: 'MarianTokenizer', eos_token: '</s>', unk_token: '<unk>', pad_token: '<pad>' }));
    const { AutoTokenizer, env } = await import('@huggingface/transformers');
    env.allowRemoteModels = false;
    env.localModelPath = `${path.dirname(path.dirname(folder))}/`;
    const tokenizer = await AutoTokenizer.from_pretrained('owner/marian', { local_files_only: true });
    const ids = tokenizer.encode('Le gouvernement a présenté hier sa réforme.');
    const byId = Object.fromEntries(Object.entries(vocab).map(([piece, id]) => [id, piece]));
    expect(ids.map((id) => byId[id])).toEqual(expect.arrayContaining(['▁Le', '▁gouvernement', '▁a', '</s>']));
    expect(ids.at(-1)).toBe(vocab['</s>']);
    expect(ids).not.toContain(vocab['<unk>']);
    expect(tokenizer.decode(ids, { skip_special_tokens: true })).toBe('Le gouvernement a présenté hier sa réforme.');
  });
});
