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

    it('is kept as written and flagged by default', async () => {
      const result = await (await stage())(article(), inMemory);
      expect(result.blocks[1]!.language).toMatchObject({ code: 'und', guess: 'eng' });
      expect(result.notes).toContainEqual(expect.objectContaining({ block: 'p2', message: expect.stringMatching(/language undetermined \(best guess eng at 0\.\d\d\); kept as written/) }));
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
