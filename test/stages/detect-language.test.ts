import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StageError } from '../../src/errors.js';
import { noModels } from '../../src/models/provider.js';
import { chooseStages } from '../../src/pipeline/choose.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import detectLanguage from '../../src/stages/detect-language.js';
import { inMemory, makeArticle, testSetup } from '../support/articles.js';
import { corpus, hasShared, sharedSkipReason } from '../support/paths.js';

const setup = testSetup({ models: noModels, stages: [] });
const stage = (options: object = {}) => detectLanguage.create(detectLanguage.options.parse(options), setup);
const french = 'Les travailleurs du secteur technologique ont signé une lettre ouverte pour demander à leurs dirigeants de prendre position.';
const moreFrench = 'Ces opérations ont été marquées par des affrontements entre les agents et les membres de la communauté.';

describe('detect-language stage', () => {
  it('detects the article and each paragraph, and lets short lines inherit the article language', async () => {
    const run = await stage();
    const article = makeArticle([
      ['title', 'Les raids de l’ICE'],
      ['paragraph', french],
      ['paragraph', 'The reopening of the library will be streamed online for everyone who cannot attend in person.'],
      ['paragraph', moreFrench],
    ], 'und');
    const result = await run(article, inMemory);
    expect(result.language!.code).toBe('fra');
    expect(result.blocks.map((block) => block.language!.code)).toEqual(['fra', 'fra', 'eng', 'fra']);
    expect(result.blocks[0]!.language!.inherited).toBe(true);
    for (const block of result.blocks.slice(1)) expect(block.language!.confidence).toBeGreaterThan(0.95);
  });

  it('judges a paragraph in the light of its article: an ambiguous line reads as the article language', async () => {
    const ambiguous = 'Demetrius me calomnie, dit-il !';
    const inContext = await (await stage())(makeArticle([['paragraph', french], ['paragraph', ambiguous], ['paragraph', moreFrench]], 'und'), inMemory);
    expect(inContext.blocks[1]!.language!.code).toBe('fra');
    const alone = await (await stage({ articlePrior: 0 }))(makeArticle([['paragraph', french], ['paragraph', ambiguous], ['paragraph', moreFrench]], 'und'), inMemory);
    expect(alone.blocks[1]!.language!.confidence).toBeLessThan(inContext.blocks[1]!.language!.confidence);
  });

  it('finds a sentence in another language inside a paragraph and marks each sentence', async () => {
    const run = await stage();
    const mixed = `${french} "We will not back down until the company listens to its workers." ${moreFrench}`;
    const result = await run(makeArticle([['paragraph', mixed]], 'und'), inMemory);
    const block = result.blocks[0]!;
    expect(block.language!.code).toBe('fra');
    expect(block.sentences.map((sentence) => sentence.language?.code)).toEqual(['fra', 'eng', 'fra']);
    expect(result.notes.map((note) => note.message)).toContainEqual(expect.stringMatching(/mixes languages: eng beside fra/));
    const off = await (await stage({ sentences: false }))(makeArticle([['paragraph', mixed]], 'und'), inMemory);
    expect(off.blocks[0]!.sentences.every((sentence) => sentence.language === undefined)).toBe(true);
  });

  describe('a paragraph whose language stays undetermined', () => {
    const names = 'Salesforce, Google, Meta, OpenAI';
    const article = () => makeArticle([['paragraph', french], ['paragraph', names], ['paragraph', moreFrench]], 'und');

    it('is left undetermined and flagged by default (translate decides what to do with it)', async () => {
      const result = await (await stage())(article(), inMemory);
      expect(result.blocks[1]!.language).toMatchObject({ code: 'und', guess: 'eng' });
      expect(result.notes).toContainEqual(expect.objectContaining({ block: 'p2', message: expect.stringMatching(/^language undetermined \(best guess eng at 0\.\d\d\)$/) }));
    });

    it('takes the article language with `assume`, and says so', async () => {
      const result = await (await stage({ undetermined: 'assume' }))(article(), inMemory);
      expect(result.blocks[1]!.language).toMatchObject({ code: 'fra', assumed: true });
      expect(result.notes).toContainEqual(expect.objectContaining({ block: 'p2', message: expect.stringMatching(/assumed fra, the article's/) }));
    });

    it('fails the article with `fail`, naming the paragraph', async () => {
      const run = await stage({ undetermined: 'fail' });
      await expect(async () => run(article(), inMemory)).rejects.toThrow(StageError);
      await expect(async () => run(article(), inMemory)).rejects.toThrow(/p2: its language could not be told \(best guess eng/);
    });
  });

  describe('in context', () => {
    const english = 'The city council approved the budget for next year after a long debate that lasted well into the night.';
    const moreEnglish = 'The opposition voted against the plan, saying that it cut far too much from the schools of the city.';
    const german = 'Der Stadtrat hat den Haushalt für das nächste Jahr nach einer langen Debatte am späten Abend verabschiedet.';

    it('names an article that mixes languages by the largest, lists them all with their shares, and does not claim certainty', async () => {
      const result = await (await stage())(makeArticle([
        ['title', 'Le budget de la ville'],
        ['paragraph', french], ['paragraph', moreFrench], ['paragraph', english], ['paragraph', moreEnglish], ['paragraph', german],
      ], 'und'), inMemory);
      expect(result.languages!.map((entry) => entry.code)).toEqual(expect.arrayContaining(['fra', 'eng', 'deu']));
      expect(result.languages![0]!.code).toBe(result.language!.code);
      expect(result.languages!.reduce((total, entry) => total + entry.share, 0)).toBeCloseTo(1, 1);
      expect(result.blocks.map((block) => block.language!.code)).toEqual([result.language!.code, 'fra', 'fra', 'eng', 'eng', 'deu']);
    });

    it('judges the French of a paragraph that quotes another script, and the quote apart', async () => {
      const result = await (await stage())(makeArticle([
        ['paragraph', `${french} « Мы никогда не отступим перед этими угрозами, — сказал он журналистам. » ${moreFrench}`],
      ], 'und'), inMemory);
      const sentences = result.blocks[0]!.sentences;
      expect(sentences.map((sentence) => sentence.language?.script ?? sentence.language?.code)).toEqual(['fra', 'Cyrillic', 'fra']);
      expect(result.language!.code).toBe('fra');
    });

    it.each([
      ['Arabic', '« مرحبا بكم في المدينة الجميلة، قال الرئيس أمام الصحفيين. »', 'Arabic', 'arb'],
      ['Chinese', '« 我们今天在城市里见面了，讨论了明年的预算。 »', 'Han', 'cmn'],
    ])('marks a sentence quoted in %s with its script and language, whatever the candidates', async (_, quote, script, code) => {
      const result = await (await stage())(makeArticle([['paragraph', `${french} ${quote} ${moreFrench}`]], 'und'), inMemory);
      expect(result.blocks[0]!.sentences[1]!.language).toMatchObject({ script, code });
    });
  });

  it.skipIf(!hasShared)(`judges every block of the corpus articles French, sentences included${sharedSkipReason}`, async () => {
    const pipeline = await createPipeline(chooseStages(['read', 'detect-language']), { models: noModels });
    for (const name of readdirSync(corpus)) {
      const result = await pipeline.process({ kind: 'file', path: path.join(corpus, name), display: name });
      expect(result.language!.code).toBe('fra');
      for (const block of result.blocks) {
        expect({ name, block: block.id, code: block.language!.code, mixed: block.sentences.some((sentence) => sentence.language) }).toEqual({ name, block: block.id, code: 'fra', mixed: false });
      }
    }
  });
});
