import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Translation } from '../../src/models/provider.js';
import { createSentenceTranslator } from '../../src/translation/translate-sentences.js';
import { fakeModels, fakeTranslation, translated } from '../support/fake-models.js';
import { workspace } from '../support/workspace.js';

const settings = { beams: 1, lengthRatio: 2, repetitionPenalty: 1, noRepeatNgram: 0 };

/** A fake model that gives nothing for a text holding `rien`, and restores `😀` or leaves a gap for `⟨?⟩`. */
function edgyModel(text: string): Translation {
  if (text.includes('rien')) return translated('');
  const restored = text.match(/😀/gu) ?? [];
  const missing = text.match(/\?\?/gu)?.length ?? 0;
  return { text: fakeTranslation(text), empty: false, unknown: { restored, missing } };
}

async function translator(options: { maxInputTokens?: number; cacheFolder?: string; termsOf?: (text: string) => string[] } = {}) {
  const models = fakeModels({ translate: edgyModel, ...(options.maxInputTokens ? { maxInputTokens: options.maxInputTokens } : {}) });
  const model = await models.provider().translator({ model: 'owner/name', dtype: 'q8' });
  const translate = await createSentenceTranslator(model, {
    settings, batchSize: 8, limit: model.maxInputTokens, ...(options.cacheFolder ? { cacheFolder: options.cacheFolder } : {}), ...(options.termsOf ? { termsOf: options.termsOf } : {}),
  });
  return { translate, calls: models.calls };
}

/** The glossary's English for the terms of a text: `ICE` kept, `Maison Blanche` as `White House`. */
const termsOf = (text: string) => [...(text.includes('Maison Blanche') ? ['White House'] : []), ...(text.includes('ICE') ? ['ICE', 'ICE'] : [])];

describe('createSentenceTranslator', () => {
  it('says, per sentence, whether the model gave nothing for it and what became of its unknown words', async () => {
    const { translate } = await translator();
    expect(await translate(['Le chat 😀 mange.', 'Il ne dit rien.', 'Le ?? et le 😀.'])).toEqual([
      { translation: fakeTranslation('Le chat 😀 mange.'), segments: [{ source: 'Le chat 😀 mange.', translation: fakeTranslation('Le chat 😀 mange.') }], empty: false, unknown: { restored: ['😀'], missing: 0 } },
      { translation: '', segments: [{ source: 'Il ne dit rien.', translation: '' }], empty: true, unknown: { restored: [], missing: 0 } },
      { translation: fakeTranslation('Le ?? et le 😀.'), segments: [{ source: 'Le ?? et le 😀.', translation: fakeTranslation('Le ?? et le 😀.') }], empty: false, unknown: { restored: ['😀'], missing: 1 } },
    ]);
  });

  it('adds up the pieces of a sentence cut to fit the model: any empty piece, every unknown word in order', async () => {
    const { translate } = await translator({ maxInputTokens: 5 });
    const [result] = await translate(['Le 😀 part, il ne dit rien, puis le ?? arrive, et le 😀 revient.']);
    expect(result!.segments.length).toBeGreaterThan(2);
    expect(result!.empty).toBe(true);
    expect(result!.unknown).toEqual({ restored: ['😀', '😀'], missing: 1 });
    // The empty piece leaves no double space behind.
    expect(result!.translation).toBe(result!.segments.map((segment) => segment.translation).filter(Boolean).join(' '));
    expect(result!.translation).not.toContain('  ');
  });

  it('gives the same details from its cache in a later run, without asking the model', async () => {
    const cacheFolder = path.join(workspace(), 'cache');
    const sentences = ['Le chat 😀 mange.', 'Il ne dit rien.', 'Le ?? dort.'];
    const first = await (await translator({ cacheFolder })).translate(sentences);
    const later = await translator({ cacheFolder });
    expect(await later.translate(sentences)).toEqual(first);
    expect(later.calls.batches).toEqual([]);
  });

  it('holds each piece to the terms in it, each once, and sends pieces without terms as before', async () => {
    const { translate, calls } = await translator({ maxInputTokens: 6, termsOf });
    await translate(['La Maison Blanche parle, et l’ICE arrive, puis l’ICE repart.', 'Le chat dort.']);
    const sent = calls.batches.flatMap((batch, index) => batch.map((text, position) => [text, calls.terms[index]![position]] as const));
    expect(sent.length).toBeGreaterThan(2);
    for (const [text, terms] of sent) expect(terms).toEqual([...new Set(termsOf(text))]);
    expect(sent).toContainEqual(['Le chat dort.', []]);
    expect(sent.filter(([, terms]) => terms!.length).length).toBeGreaterThan(1);
  });

  it('keys its cache by a piece and its terms: a glossary that changes sends the piece to the model again', async () => {
    const cacheFolder = path.join(workspace(), 'cache');
    const sentences = ['La Maison Blanche parle.', 'Le chat dort.'];
    await (await translator({ cacheFolder })).translate(sentences);
    const held = await translator({ cacheFolder, termsOf });
    await held.translate(sentences);
    expect(held.calls.batches).toEqual([['La Maison Blanche parle.']]);
    expect(held.calls.terms).toEqual([[['White House']]]);
    const again = await translator({ cacheFolder, termsOf });
    await again.translate(sentences);
    expect(again.calls.batches).toEqual([]);
  });
});
