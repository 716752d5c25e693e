import { describe, expect, it } from 'vitest';
import detectLanguage from '../../src/stages/detect-language.js';
import type { ResolvedConfig } from '../../src/config/resolve.js';
import { noModels } from '../../src/models/provider.js';
import { makeArticle } from '../support/articles.js';

describe('detect-language stage', () => {
  it('detects the article and each paragraph, and lets short lines inherit the article language', async () => {
    const run = await detectLanguage.create(detectLanguage.options.parse({}), { config: {} as ResolvedConfig, models: noModels, stages: [] });
    const article = makeArticle([
      ['title', 'Les raids de l’ICE'],
      ['paragraph', 'Les travailleurs du secteur technologique ont signé une lettre ouverte pour demander à leurs dirigeants de prendre position.'],
      ['paragraph', 'The reopening of the library will be streamed online for everyone who cannot attend in person.'],
      ['paragraph', 'Ces opérations ont été marquées par des affrontements entre les agents et les membres de la communauté.'],
    ], 'und');
    const result = await run(article, {});
    expect(result.language!.code).toBe('fra');
    expect(result.blocks.map((block) => block.language!.code)).toEqual(['fra', 'fra', 'eng', 'fra']);
    expect(result.blocks[0]!.language!.inherited).toBe(true);
    for (const block of result.blocks) {
      expect(block.language!.confidence).toBeGreaterThanOrEqual(0);
      expect(block.language!.confidence).toBeLessThanOrEqual(1);
    }
  });
});
