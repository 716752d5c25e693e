import { describe, expect, it } from 'vitest';
import { chooseStages } from '../../src/pipeline/choose.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import translate from '../../src/stages/translate.js';
import { inMemory, makeArticle, testSetup } from '../support/articles.js';
import { fakeModels, fakeTranslation } from '../support/fake-models.js';
import { workspace } from '../support/workspace.js';

async function prepare(options: Record<string, unknown> = {}, maxInputTokens?: number) {
  const models = fakeModels({ maxInputTokens });
  const parsed = translate.options.parse(options);
  const run = await translate.create(parsed, testSetup({ models: models.provider(), stages: ['read', 'detect-language', 'translate'] }));
  return { run, calls: models.calls };
}

describe('translate stage', () => {
  it('translates French blocks sentence by sentence and reassembles each paragraph in order', async () => {
    const { run } = await prepare();
    const article = makeArticle([
      ['title', 'La mairie rouvre la bibliothèque'],
      ['paragraph', 'La bibliothèque rouvrira le 3 mars. Le chantier a coûté cher.'],
    ]);
    const result = await run(article, inMemory);
    expect(result.blocks.map((block) => block.translation)).toEqual([
      fakeTranslation('La mairie rouvre la bibliothèque'),
      `${fakeTranslation('La bibliothèque rouvrira le 3 mars.')} ${fakeTranslation('Le chantier a coûté cher.')}`,
    ]);
    expect(result.blocks[1]!.sentences.map((sentence) => sentence.translation)).toEqual([
      fakeTranslation('La bibliothèque rouvrira le 3 mars.'),
      fakeTranslation('Le chantier a coûté cher.'),
    ]);
    expect(result.models.translate).toBe('Xenova/opus-mt-fr-en (q8)');
  });

  it('keeps the inline code of a Markdown source as written, never sending it to the model', async () => {
    const { run, calls } = await prepare();
    const article = makeArticle([['paragraph', 'Lancez npm install puis ouvrez le fichier config.yaml.']]);
    article.blocks[0]!.spans = [{ kind: 'code', text: 'npm install' }, { kind: 'emphasis', text: 'puis' }, { kind: 'code', text: 'config.yaml' }];
    const result = await run(article, inMemory);
    expect(calls.batches.flat()).toEqual(['Lancez', 'puis ouvrez le fichier']);
    expect(result.blocks[0]!.translation).toBe(`${fakeTranslation('Lancez')} npm install ${fakeTranslation('puis ouvrez le fichier')} config.yaml.`);
    // Cut at its code, not to fit the model: no note says it was.
    expect(result.notes).toEqual([]);
  });

  it('keeps web and e-mail addresses as written, never sending them to the model, in the order the sentence holds them', async () => {
    const { run, calls } = await prepare();
    const article = makeArticle([['paragraph', 'Écrivez à redaction@journal.fr ou lisez https://example.com/page et www.lemonde.fr/economie puis config.yaml.']]);
    article.blocks[0]!.spans = [{ kind: 'code', text: 'config.yaml' }];
    const result = await run(article, inMemory);
    expect(calls.batches.flat().sort()).toEqual(['Écrivez à', 'et', 'ou lisez', 'puis'].sort());
    expect(result.blocks[0]!.translation).toBe(`${fakeTranslation('Écrivez à')} redaction@journal.fr ${fakeTranslation('ou lisez')} https://example.com/page ${fakeTranslation('et')} www.lemonde.fr/economie ${fakeTranslation('puis')} config.yaml.`);
  });

  it('tells how far its translation has gone, in source words: 0 first, then up to all of them', async () => {
    const { run } = await prepare();
    const article = makeArticle([
      ['title', 'La mairie rouvre la bibliothèque'],
      ['paragraph', 'La bibliothèque rouvrira le 3 mars. Le chantier a coûté cher.'],
      ['paragraph', 'The reopening will be streamed online.', 'eng'],
    ]);
    const told: { words: number; of: number }[] = [];
    await run(article, { ...inMemory, progress: (done) => told.push(done) });
    // The English paragraph is not translated: 4 + 7 + 5 French words.
    expect(told[0]).toEqual({ words: 0, of: 16 });
    expect(told.at(-1)).toEqual({ words: 16, of: 16 });
    expect(told).toHaveLength(4);
    for (let index = 1; index < told.length; index++) expect(told[index]!.words).toBeGreaterThan(told[index - 1]!.words);
  });

  it('marks the glossary terms each translated sentence holds, with the English they must have', async () => {
    const models = fakeModels();
    const glossary = { file: 'g.tsv', sha256: '0', entries: [{ source: 'Maison Blanche', target: 'White House', keep: false, line: 1 }, { source: 'ICE', target: 'ICE', keep: true, line: 2 }] };
    const run = await translate.create(translate.options.parse({}), testSetup({ models: models.provider(), stages: ['read', 'translate'], glossary }));
    const result = await run(makeArticle([['paragraph', 'La Maison-Blanche soutient l’ICE. Rien ici.']]), inMemory);
    expect(result.blocks[0]!.sentences.map((sentence) => sentence.terms)).toEqual([[{ source: 'Maison-Blanche', target: 'White House' }, { source: 'ICE', target: 'ICE' }], undefined]);
  });

  it('has the model hold each sentence to the English of its glossary terms, and no other to any', async () => {
    const models = fakeModels();
    const glossary = { file: 'g.tsv', sha256: '0', entries: [{ source: 'Maison Blanche', target: 'White House', keep: false, line: 1 }, { source: 'ICE', target: 'ICE', keep: true, line: 2 }] };
    const run = await translate.create(translate.options.parse({}), testSetup({ models: models.provider(), stages: ['read', 'translate'], glossary }));
    await run(makeArticle([['paragraph', 'La Maison-Blanche soutient l’ICE. Rien ici.']]), inMemory);
    expect(models.calls.batches).toEqual([['Rien ici.', 'La Maison-Blanche soutient l’ICE.']]);
    // In the order the sentence holds them: a term the model leaves out goes in where it would end, in that order.
    expect(models.calls.terms).toEqual([[[], ['White House', 'ICE']]]);
  });

  it('leaves a term inside inline code or an address alone: kept as written, it is no occurrence to hold or check', async () => {
    const models = fakeModels();
    const glossary = { file: 'g.tsv', sha256: '0', entries: [{ source: 'chat', target: 'dog', keep: false, line: 1 }] };
    const run = await translate.create(translate.options.parse({}), testSetup({ models: models.provider(), stages: ['read', 'translate'], glossary }));
    const article = makeArticle([['paragraph', 'Le maire parle avec chat dans la ville.']]);
    const block = { ...article.blocks[0]!, spans: [{ kind: 'code' as const, text: 'chat' }] };
    const result = await run({ ...article, blocks: [block] }, inMemory);
    expect(result.blocks[0]!.sentences[0]!.terms).toBeUndefined();
    expect(models.calls.terms.flat(2)).toEqual([]);
    const outside = await run(article, inMemory);
    expect(outside.blocks[0]!.sentences[0]!.terms).toEqual([{ source: 'chat', target: 'dog' }]);
  });

  it('says once, as it is set up, which glossary terms the model cannot write', async () => {
    const models = fakeModels({ cannotWrite: ['Ⱥ-Team'] });
    const glossary = { file: 'g.tsv', sha256: '0', entries: [{ source: 'Maison Blanche', target: 'White House', keep: false, line: 1 }, { source: 'Ⱥ-Team', target: 'Ⱥ-Team', keep: true, line: 2 }] };
    const warnings: string[] = [];
    await translate.create(translate.options.parse({}), testSetup({ models: models.provider(), stages: ['read', 'translate'], glossary }, warnings));
    expect(warnings).toEqual(['Xenova/opus-mt-fr-en (q8) cannot write “Ⱥ-Team”: the translation is not held to this glossary term, which the check flags when missing']);
  });

  it('names ten of the terms the model cannot write, and counts the others', async () => {
    const names = Array.from({ length: 25 }, (_, index) => `Ⱥ-${index}`);
    const models = fakeModels({ cannotWrite: names });
    const glossary = { file: 'g.tsv', sha256: '0', entries: names.map((name, index) => ({ source: name, target: name, keep: true, line: index + 1 })) };
    const warnings: string[] = [];
    await translate.create(translate.options.parse({}), testSetup({ models: models.provider(), stages: ['read', 'translate'], glossary }, warnings));
    expect(warnings).toEqual([`Xenova/opus-mt-fr-en (q8) cannot write ${names.slice(0, 10).map((name) => `“${name}”`).join(', ')} and 15 more: the translation is not held to these glossary terms, which the check flags when missing`]);
  });

  it('passes paragraphs in other languages through untranslated', async () => {
    const { run, calls } = await prepare();
    const result = await run(makeArticle([
      ['paragraph', 'Le texte est en français.'],
      ['paragraph', 'The reopening will be streamed online.', 'eng'],
    ]), inMemory);
    expect(result.blocks[1]!.translation).toBeUndefined();
    expect(calls.batches.flat()).not.toContain('The reopening will be streamed online.');
    expect(result.blocks).toHaveLength(2);
  });

  it('in a paragraph that mixes languages, translates only its French sentences and keeps the rest in place', async () => {
    const { run, calls } = await prepare();
    const article = makeArticle([['paragraph', 'Le porte-parole a parlé. "We will not back down." Les négociations reprendront lundi.']]);
    const codes = ['fra', 'eng', 'fra'];
    article.blocks[0]!.sentences = article.blocks[0]!.sentences.map((sentence, index) => ({ ...sentence, language: { code: codes[index]!, confidence: 0.99 } }));
    const result = await run(article, inMemory);
    expect(calls.batches.flat()).not.toContain('"We will not back down."');
    expect(result.blocks[0]!.sentences.map((sentence) => sentence.translation)).toEqual([
      fakeTranslation('Le porte-parole a parlé.'),
      undefined,
      fakeTranslation('Les négociations reprendront lundi.'),
    ]);
    expect(result.blocks[0]!.translation).toBe(`${fakeTranslation('Le porte-parole a parlé.')} "We will not back down." ${fakeTranslation('Les négociations reprendront lundi.')}`);
  });

  it('cuts a sentence longer than the model reads into pieces, never truncating it, and notes it', async () => {
    const { run, calls } = await prepare({}, 6);
    const long = 'Les employés demandent une réponse claire, les dirigeants hésitent encore, la lettre circule depuis lundi.';
    const result = await run(makeArticle([['paragraph', long]]), inMemory);
    const sent = calls.batches.flat();
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((piece) => piece.split(' ').length <= 6)).toBe(true);
    expect(result.blocks[0]!.translation).toBe(fakeTranslation(long));
    const segments = result.blocks[0]!.sentences[0]!.segments!;
    // The pieces, in the sentence's order (the model got them sorted by length), give the sentence back.
    expect(segments.map((segment) => segment.source).join(' ')).toBe(long);
    expect(segments.map((segment) => segment.source).sort()).toEqual([...sent].sort());
    expect(segments.map((segment) => segment.translation)).toEqual(segments.map((segment) => fakeTranslation(segment.source)));
    expect(result.notes[0]).toMatchObject({ stage: 'translate', block: 'p1' });
  });

  it('sends batches of at most batchSize, sorted by length, with the configured decoding settings', async () => {
    const { run, calls } = await prepare({ batchSize: 2, beams: 3, noRepeatNgram: 0 });
    const texts = ['Un deux trois quatre cinq.', 'Un.', 'Un deux trois.', 'Un deux.'];
    const result = await run(makeArticle(texts.map((text) => ['paragraph', text] as ['paragraph', string])), inMemory);
    expect(calls.batches).toEqual([['Un.', 'Un deux.'], ['Un deux trois.', 'Un deux trois quatre cinq.']]);
    expect(calls.settings[0]).toEqual({ beams: 3, lengthRatio: 2, repetitionPenalty: 1, noRepeatNgram: 0 });
    expect(result.blocks.map((block) => block.translation)).toEqual(texts.map(fakeTranslation));
  });

  it('batches the sentences of articles translated together, and sends a repeated sentence to the model once', async () => {
    const { run, calls } = await prepare({ batchSize: 8 });
    const [first, second] = await Promise.all([
      run(makeArticle([['paragraph', 'Le maire parle. Il pleut.']]), inMemory),
      run(makeArticle([['paragraph', 'Il pleut. Le chat dort.']]), inMemory),
    ]);
    expect(calls.batches).toEqual([['Il pleut.', 'Le chat dort.', 'Le maire parle.']]);
    expect(first.blocks[0]!.translation).toBe(fakeTranslation('Le maire parle. Il pleut.'));
    expect(second.blocks[0]!.translation).toBe(fakeTranslation('Il pleut. Le chat dort.'));
  });

  it('keeps translations in the cache folder: a re-run translates only sentences it has not seen', async () => {
    const cache = workspace();
    const models = fakeModels();
    const create = (options: Record<string, unknown> = {}) =>
      translate.create(translate.options.parse(options), testSetup({ models: models.provider(), stages: [], cache }));
    await (await create())(makeArticle([['paragraph', 'Le maire parle. Il pleut.']]), inMemory);
    const again = await (await create())(makeArticle([['paragraph', 'Le maire parle. Il neige.']]), inMemory);
    expect(models.calls.batches).toEqual([['Il pleut.', 'Le maire parle.'], ['Il neige.']]);
    expect(again.blocks[0]!.translation).toBe(fakeTranslation('Le maire parle. Il neige.'));
    // Other decoding settings are another cache.
    await (await create({ beams: 2 }))(makeArticle([['paragraph', 'Le maire parle.']]), inMemory);
    expect(models.calls.batches.at(-1)).toEqual(['Le maire parle.']);
  });

  it('loads its model once when the stage is created, not per article', async () => {
    const { run, calls } = await prepare({ model: 'bitext-test/marian-tiny', dtype: 'fp32' });
    await run(makeArticle([['paragraph', 'Un.']]), inMemory);
    await run(makeArticle([['paragraph', 'Deux.']]), inMemory);
    expect(calls.loads).toEqual([{ model: 'bitext-test/marian-tiny', dtype: 'fp32' }]);
  });
});

describe('translate stage on the generated Marian (real onnxruntime)', () => {
  it('cuts a sentence longer than maxInputTokens and translates every piece, losing nothing', async () => {
    const { createModelProvider } = await import('../../src/models/provider.js');
    const { testModels } = await import('../support/test-models.js');
    const models = createModelProvider({ directory: await testModels() });
    try {
      const options = translate.options.parse({ model: 'bitext-test/marian-tiny', maxInputTokens: 8 });
      const run = await translate.create(options, testSetup({ models, stages: [] }));
      const long = 'Le chat mange, le chien voit la maison, le maire parle avec les employés de la ville et nous refusons.';
      const result = await run(makeArticle([['paragraph', long], ['paragraph', 'Le chat mange.']]), inMemory);
      expect(result.blocks[0]!.translation).toBe('the cat eats, the dog sees the house, the mayor speaks with the employees of the city and we refuse.');
      expect(result.blocks[0]!.sentences[0]!.segments!.length).toBeGreaterThan(2);
      expect(result.blocks[1]!.translation).toBe('the cat eats.');
      expect(result.models.translate).toBe('bitext-test/marian-tiny (q8)');
    } finally {
      await models.dispose();
    }
  });
});

describe('what gets translated in context (read, detect-language and translate, with the fake translator)', () => {
  const french = 'Les travailleurs du secteur technologique ont signé une lettre ouverte pour demander à leurs dirigeants de prendre position.';
  const moreFrench = 'Ces opérations ont été marquées par des affrontements entre les agents et les membres de la communauté.';
  const translatedOf = async (text: string) => {
    const models = fakeModels();
    const pipeline = await createPipeline(chooseStages(['read', 'detect-language', 'translate']), { models: models.provider() });
    const article = await pipeline.process({ kind: 'text', text, display: 'test', form: 'article' });
    return { article, sent: models.calls.batches.flat() };
  };

  it('translates a sentence of figures and names the detector cannot place, inside a French article', async () => {
    const gm = 'En octobre, GM a vendu 42 660 pickups Silverado et 16 503 pickups Sierra.';
    const { article, sent } = await translatedOf(`${french}\n\n${gm}\n\n${moreFrench}`);
    expect(sent).toContain(gm);
    expect(article.blocks[1]!.translation).toBe(fakeTranslation(gm));
  });

  it.each([
    ['Cyrillic', '« Мы никогда не отступим перед этими угрозами, — сказал он журналистам. »'],
    ['Arabic', '« مرحبا بكم في المدينة الجميلة، قال الرئيس أمام الصحفيين. »'],
    ['Han', '« 我们今天在城市里见面了，讨论了明年的预算。 »'],
  ])('translates the French around a quote in %s script, and keeps the quote as written, marked, never sent to the model', async (script, quote) => {
    const { article, sent } = await translatedOf(`${french} ${quote} ${moreFrench}`);
    expect(sent).toEqual(expect.arrayContaining([french, moreFrench]));
    expect(sent.join(' ')).not.toContain(quote.slice(2, 8));
    const [first, kept, last] = article.blocks[0]!.sentences;
    expect([first!.translation, kept!.translation, last!.translation]).toEqual([fakeTranslation(french), undefined, fakeTranslation(moreFrench)]);
    expect(kept!.language!.script).toBe(script);
    expect(article.notes).toContainEqual(expect.objectContaining({ stage: 'translate', message: expect.stringMatching(new RegExp(`^1 sentence in ${script} script.* kept as written: the model reads fra in the Latin script$`)) }));
  });
});

describe('the model\'s edges, noted', () => {
  it('says when the model gave no English, and when it could not write a word, keeping the translation as it came', async () => {
    const models = fakeModels({
      translate: (text) => text.startsWith('Rien')
        ? { text: '', empty: true, unknown: { restored: [], missing: 0 } }
        : { text: 'the ✈ lands ⟨?⟩.', empty: false, unknown: { restored: ['✈'], missing: 1 } },
    });
    const run = await translate.create(translate.options.parse({}), testSetup({ models: models.provider(), stages: [] }));
    const result = await run(makeArticle([['paragraph', 'Rien à dire. Le ✈ atterrit à Zqx.']]), inMemory);
    expect(result.blocks[0]!.sentences.map((sentence) => sentence.translation)).toEqual(['', 'the ✈ lands ⟨?⟩.']);
    expect(result.notes.map((note) => note.message)).toEqual([
      'the model gave no English for “Rien à dire.”',
      'the model could not write “✈”: copied from the source as written',
      'the model wrote 1 word it could not name, shown ⟨?⟩',
    ]);
  });
});
