import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Translation } from '../../src/models/provider.js';
import { loadSummarizer, loadTranslator, translationBounds } from '../../src/models/transformers.js';
import { ModelError } from '../../src/errors.js';
import { testModels } from '../support/test-models.js';
import { temporaryFolder } from '../support/temporary.js';

const greedy = { beams: 1, lengthRatio: 2, repetitionPenalty: 1, noRepeatNgram: 0 };
const texts = (outputs: readonly Translation[]) => outputs.map((output) => output.text);
const model = 'bitext-test/marian-tiny';

describe('the Transformers.js adapter on the generated Marian (real onnxruntime)', () => {
  it.each(['fp32', 'q8'])('loads %s weights and translates a batch, one output per input, in order', async (dtype) => {
    const { model: translator, dispose } = await loadTranslator(await testModels(), { model, dtype });
    try {
      const sources = ['Le chat mange.', 'Le maire parle avec les employés de la ville.', 'Un chien rouge voit la maison !'];
      expect(texts(await translator.translate(sources, greedy))).toEqual([
        'the cat eats.',
        'the mayor speaks with the employees of the city.',
        'a dog red sees the house!',
      ]);
      expect(translator.label).toBe(`${model} (${dtype})`);
    } finally {
      await dispose();
    }
  });

  it('ends each translation of a batch at its own end token, whatever the longer rows and the repetition guard do', async () => {
    const { model: translator, dispose } = await loadTranslator(await testModels(), { model, dtype: 'q8' });
    const batch = ['Le chat mange.', 'Le maire parle avec les employés de la ville.'];
    for (const noRepeatNgram of [0, 3, 4, 5]) {
      expect(texts(await translator.translate(batch, { ...greedy, noRepeatNgram }))).toEqual(['the cat eats.', 'the mayor speaks with the employees of the city.']);
    }
    await dispose();
  });


  it('counts tokens with the model tokenizer (the appended </s> included) and reports the model limit', async () => {
    const { model: translator, dispose } = await loadTranslator(await testModels(), { model, dtype: 'q8' });
    expect(await translator.countTokens(['Le chat mange.', ''])).toEqual([5, 1]);
    expect(translator.maxInputTokens).toBe(63);
    await dispose();
  });

  it('passes the decoding settings to generation: beams run, the repetition guard changes the output', async () => {
    const { model: translator, dispose } = await loadTranslator(await testModels(), { model, dtype: 'fp32' });
    const repetitive = ['Le chat voit le chat voit le chat voit le chat.'];
    expect(texts(await translator.translate(repetitive, { ...greedy, beams: 3 }))).toEqual(['the cat sees the cat sees the cat sees the cat.']);
    // With no 4-gram allowed twice, "the cat sees the" cannot recur, and the model has nothing else to say.
    expect(texts(await translator.translate(repetitive, { ...greedy, noRepeatNgram: 4 }))).toEqual(['the cat sees the cat sees']);
    await dispose();
  });

  it.each([
    ['translation', loadTranslator],
    ['summarization', loadSummarizer],
  ])('names the model, the folder, the missing files and how to install them when a %s model is not installed', async (_, load) => {
    const directory = await testModels();
    const failure = load(directory, { model: 'bitext-test/absent', dtype: 'q8' });
    await expect(failure).rejects.toBeInstanceOf(ModelError);
    // The whole message: advice about the stage that wanted the model is the caller's to add.
    await expect(failure).rejects.toHaveProperty('message',
      `Model \`bitext-test/absent\` (q8) is not installed: ${directory}/bitext-test/absent lacks config.json, tokenizer.json, tokenizer_config.json, ` +
        'onnx/encoder_model_quantized.onnx, onnx/decoder_model_merged_quantized.onnx. On a connected machine, run ' +
        '`bitext models pull bitext-test/absent --dtype q8`, or copy the folder from one (README, "Getting models").',
    );
  });
});

describe('terms a translation must hold (a glossary), on the generated Marian (real onnxruntime)', () => {
  const sources = ['Le chat mange.', 'Le chat mange.', 'Le chat mange.', 'Le chat mange.', 'Le maire parle avec les employés de la ville.'];
  // A term the model does not write, one it does, two (one of two words), one its vocabulary cannot write, none.
  const terms = [['dog'], ['cat'], ['big house', 'dog'], ['ICE'], []];

  it.each([1, 3])('puts in each term the model does not write itself, once, and leaves other sentences of the batch alone (beams %i)', async (beams) => {
    const { model: translator, dispose } = await loadTranslator(await testModels(), { model, dtype: 'fp32' });
    try {
      const held = texts(await translator.translate(sources, { ...greedy, beams }, undefined, terms));
      expect(held).toEqual(['the cat eats. dog', 'the cat eats.', 'the cat eats. big house dog', 'the cat eats.', 'the mayor speaks with the employees of the city.']);
      expect(held).toEqual(texts(await translator.translate(sources, { ...greedy, beams }, undefined, terms.map((list, index) => (index === 4 ? [] : list)))));
      // Without terms, or with empty lists, the output is the model's own.
      expect(texts(await translator.translate(sources, { ...greedy, beams }, undefined, sources.map(() => [])))).toEqual(texts(await translator.translate(sources, { ...greedy, beams })));
    } finally {
      await dispose();
    }
  });

  it('names, before any batch, the terms its vocabulary cannot write (this one lower-cases and knows few words)', async () => {
    const { model: translator, dispose } = await loadTranslator(await testModels(), { model, dtype: 'q8' });
    try {
      expect(await translator.prepareTerms(['dog', 'ICE', 'big house', 'Big house'])).toEqual(['ICE', 'Big house']);
    } finally {
      await dispose();
    }
  });

  it('fits the terms into a forced length: they take the last places', async () => {
    const { model: translator, dispose } = await loadTranslator(await testModels(), { model, dtype: 'fp32' });
    try {
      expect(texts(await translator.translate(['Le chat mange.', 'Le chat mange.'], greedy, [4, 4], [['dog'], ['big house', 'dog']]))).toEqual(['the cat eats dog', 'the big house dog']);
    } finally {
      await dispose();
    }
  });
});

describe('the translation length limit', () => {
  it('is the model’s own `max_length` (its start and end tokens counted) when it is below the positions', async () => {
    const directory = temporaryFolder('bitext-short');
    const folder = path.join(directory, model);
    cpSync(path.join(await testModels(), model), folder, { recursive: true });
    const generation = JSON.parse(readFileSync(path.join(folder, 'generation_config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(folder, 'generation_config.json'), JSON.stringify({ ...generation, max_length: 6 }));
    const { model: marian, dispose } = await loadTranslator(directory, { model, dtype: 'q8' });
    try {
      expect(texts(await marian.translate(['Le maire parle avec les employés de la ville.'], greedy))).toEqual(['the mayor speaks with']);
    } finally {
      await dispose();
    }
  });
});

describe('translationBounds', () => {
  it('allows the source length times the ratio plus four tokens, the end token among them, within the model limit', () => {
    expect(translationBounds({ beams: 4, lengthRatio: 1.5, repetitionPenalty: 1.2, noRepeatNgram: 3 }, 20, 512)).toEqual({ least: 0, most: 33 });
    expect(translationBounds({ ...greedy, lengthRatio: 8 }, 100, 511)).toEqual({ least: 0, most: 510 });
    expect(translationBounds(greedy, 3, 512, 55)).toEqual({ least: 9, most: 9 });
  });
});

describe('forced lengths', () => {
  it('makes the generated Marian translate to exactly the lengths asked, batched', async () => {
    const { model: marian, dispose } = await loadTranslator(await testModels(), { model: 'bitext-test/marian-tiny', dtype: 'fp32' });
    try {
      const [short, long] = texts(await marian.translate(['le chat mange.', 'le chien voit la maison.'], greedy, [2, 9]));
      // Cut after two tokens; made to go on past its own end (six tokens) to nine.
      expect(short).toBe('the cat');
      expect(long!.startsWith('the dog sees the house.')).toBe(true);
      expect(long!.length).toBeGreaterThan('the dog sees the house.'.length);
    } finally {
      await dispose();
    }
  });
});

describe('the generated BART (seeded weights, real onnxruntime)', () => {
  it.each(['fp32', 'q8'])('loads %s weights and generates the same greedy output every time', async (dtype) => {
    const { model: bart, dispose } = await loadTranslator(await testModels(), { model: 'bitext-test/bart-tiny', dtype });
    try {
      const sources = ['the mayor speaks with the employees of the city.', 'the cat eats.'];
      const first = texts(await bart.translate(sources, { ...greedy, lengthRatio: 1 }));
      // Untrained weights favour one token; what matters is that the output is the same on every run and dtype.
      // Each row stops at its own source's bound: the longer sentence allows more tokens than the shorter.
      expect(first).toEqual(['to to to to to to to to to to to to to', 'to to to to to to to']);
      expect(texts(await bart.translate(sources, { ...greedy, lengthRatio: 1 }))).toEqual(first);
      expect(texts(await bart.translate(sources, { ...greedy, beams: 2, lengthRatio: 1 }))).toHaveLength(2);
    } finally {
      await dispose();
    }
  });
});

/** A copy of the generated BART whose config files `edit` changes. */
async function editedBart(edit: (config: Record<string, unknown>, generation: Record<string, unknown>) => void): Promise<string> {
  const directory = temporaryFolder('bitext-bart');
  const folder = path.join(directory, 'bitext-test/bart-tiny');
  cpSync(path.join(await testModels(), 'bitext-test/bart-tiny'), folder, { recursive: true });
  const [config, generation] = ['config.json', 'generation_config.json'].map((file) => JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as Record<string, unknown>);
  edit(config!, generation!);
  writeFileSync(path.join(folder, 'config.json'), JSON.stringify(config));
  writeFileSync(path.join(folder, 'generation_config.json'), JSON.stringify(generation));
  return directory;
}

describe('loadSummarizer on the generated BART (real onnxruntime)', () => {
  it('reads each text after the model’s prefix, in its counts as in its summaries', async () => {
    const plain = await loadSummarizer(await testModels(), { model: 'bitext-test/bart-tiny', dtype: 'fp32' });
    const prefixed = await loadSummarizer(await editedBart((config) => void (config['prefix'] = 'the mayor speaks. ')), { model: 'bitext-test/bart-tiny', dtype: 'fp32' });
    try {
      expect(await prefixed.model.countTokens(['the cat eats.'])).toEqual(await plain.model.countTokens(['the mayor speaks. the cat eats.']));
      expect(await prefixed.model.countTokens(['the cat eats.'])).not.toEqual(await plain.model.countTokens(['the cat eats.']));
      expect(await prefixed.model.summarize(['the cat eats.'], { beams: 1 })).toEqual(await plain.model.summarize(['the mayor speaks. the cat eats.'], { beams: 1 }));
    } finally {
      await Promise.all([plain.dispose(), prefixed.dispose()]);
    }
  });

  // Without its repeated-trigram guard, the untrained BART says `to` until it is stopped.
  it.each([
    [20, 16],
    [64, 60],
    [1000, 125],
  ])('stops a summary at the model’s own `max_length` (%i) unless told otherwise, within its 128 positions', async (maxLength, words) => {
    const directory = await editedBart((_, generation) => Object.assign(generation, { no_repeat_ngram_size: 0, max_length: maxLength }));
    const { model: bart, dispose } = await loadSummarizer(directory, { model: 'bitext-test/bart-tiny', dtype: 'fp32' });
    try {
      // The start token, two `<s>` (the forced one and the model's own, not shown), the words, the end token:
      // `max_length` in all, or `maxTokens` and the start token.
      const [summary] = await bart.summarize(['the mayor speaks with the employees of the city.'], { beams: 1 });
      expect(summary!.split(' ')).toHaveLength(words);
      const [shorter] = await bart.summarize(['the mayor speaks with the employees of the city.'], { beams: 1, maxTokens: 12 });
      expect(shorter!.split(' ')).toHaveLength(9);
    } finally {
      await dispose();
    }
  });

  it('follows the model’s generation config (no repeated trigram, a forced first token) within the token budget, the same every time', async () => {
    const { model: bart, dispose } = await loadSummarizer(await testModels(), { model: 'bitext-test/bart-tiny', dtype: 'fp32' });
    try {
      const texts = ['the mayor speaks with the employees of the city. the cat eats.', 'the cat eats.'];
      const summaries = await bart.summarize(texts, { beams: 2, maxTokens: 12 });
      expect(summaries).toHaveLength(2);
      for (const summary of summaries) {
        const words = summary.split(' ');
        // Untrained weights favour `to`; `no_repeat_ngram_size: 3` lets "to to to" appear only once.
        const trigrams = words.slice(2).map((_, index) => words.slice(index, index + 3).join(' '));
        expect(new Set(trigrams).size).toBe(trigrams.length);
        // Twelve tokens: the forced <s> (not shown), at most ten words, the end token.
        expect(words.length).toBeGreaterThanOrEqual(3);
        expect(words.length).toBeLessThanOrEqual(10);
      }
      expect(await bart.summarize(texts, { beams: 2, maxTokens: 12 })).toEqual(summaries);
    } finally {
      await dispose();
    }
  });
});

/** What the translator gives for a text with nothing to report. */
const plain = (text: string): Translation => ({ text, empty: false, unknown: { restored: [], missing: 0 } });

describe('what the model gives back', () => {
  it('gives an empty text, said to be empty, for an output that ends at once, without failing the rest of its batch', async () => {
    const { model: marian, dispose } = await loadTranslator(await testModels(), { model, dtype: 'q8' });
    try {
      // A length of 0 leaves the model only its end token to give first.
      expect(await marian.translate(['Le chat mange.', 'Le chien.'], greedy, [0, 3])).toEqual([
        { text: '', empty: true, unknown: { restored: [], missing: 0 } },
        plain('the dog.'),
      ]);
    } finally {
      await dispose();
    }
  });

  // marian-tiny's tokenizer reads a word outside its small vocabulary (an emoji, `xylophone`) as `<unk>`, which its
  // model copies to the output at the same place.
  it.each([
    ['a word outside the vocabulary', 'Le xylophone mange.', 'the xylophone eats.', ['xylophone']],
    ['an emoji', 'Le chat 😀 mange.', 'the cat 😀 eats.', ['😀']],
    ['as written, though the tokenizer lower-cased it', 'Le Xylophone mange.', 'the Xylophone eats.', ['Xylophone']],
    ['each in its turn', 'Le xylophone voit le ✈ et le 😀.', 'the xylophone sees the ✈ and the 😀.', ['xylophone', '✈', '😀']],
  ])('puts back the source text of an unknown token: %s', async (_, source, text, restored) => {
    const { model: marian, dispose } = await loadTranslator(await testModels(), { model, dtype: 'q8' });
    try {
      expect(await marian.translate([source, 'Le chat mange.'], greedy)).toEqual([{ text, empty: false, unknown: { restored, missing: 0 } }, plain('the cat eats.')]);
    } finally {
      await dispose();
    }
  });

  it('puts back the source text also where the tokenizer counts `<unk>` as special, as the real Marian’s does', async () => {
    const directory = temporaryFolder('bitext-unknown');
    const folder = path.join(directory, model);
    cpSync(path.join(await testModels(), model), folder, { recursive: true });
    // As in the real Marian's tokenizer.json, where `<unk>` is one of the added special tokens, which decoding hides.
    const tokenizer = JSON.parse(readFileSync(path.join(folder, 'tokenizer.json'), 'utf8')) as { added_tokens: object[]; model: { vocab: Record<string, number> } };
    tokenizer.added_tokens.push({ id: tokenizer.model.vocab['<unk>'], content: '<unk>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
    writeFileSync(path.join(folder, 'tokenizer.json'), JSON.stringify(tokenizer));
    const { model: marian, dispose } = await loadTranslator(directory, { model, dtype: 'q8' });
    try {
      expect(await marian.translate(['Le xylophone mange.'], greedy)).toEqual([{ text: 'the xylophone eats.', empty: false, unknown: { restored: ['xylophone'], missing: 0 } }]);
    } finally {
      await dispose();
    }
  });

  it('shows a gap, and counts it, for an unknown token with no source text left to put back', async () => {
    const { model: marian, dispose } = await loadTranslator(await testModels(), { model, dtype: 'q8' });
    try {
      // Made to go on past its source, the model writes `<unk>` (its best token once the end is forbidden).
      expect(await marian.translate(['Le 😀 mange.'], greedy, [6])).toEqual([{ text: 'the 😀 eats. ⟨?⟩ ⟨?⟩', empty: false, unknown: { restored: ['😀'], missing: 2 } }]);
    } finally {
      await dispose();
    }
  });
});
