import { describe, expect, it } from 'vitest';
import { dropRepeats, summarizeAbstractive } from '../../src/summary/abstractive.js';
import { fakeModels } from '../support/fake-models.js';

describe('dropRepeats', () => {
  it('keeps each sentence the first time it is said, whatever the case, spacing and punctuation of its repeats', () => {
    const sentences = ['The council met on Monday.', 'It voted the budget.', 'the council  met on Monday!', '“The council met on Monday.”', 'The council met.'];
    expect(dropRepeats(sentences)).toEqual({
      kept: ['The council met on Monday.', 'It voted the budget.', 'The council met.'],
      repeated: ['the council  met on Monday!', '“The council met on Monday.”'],
    });
  });
});

describe('summarizeAbstractive', () => {
  const summarizer = async (summarize: (text: string) => string, maxInputTokens?: number) => {
    const models = fakeModels({ summarize, ...(maxInputTokens ? { maxInputTokens } : {}) });
    return { summarizer: await models.provider().summarizer({ model: 'owner/name', dtype: 'q8' }), calls: models.calls };
  };

  it('leaves out a generated sentence that repeats one before it, and says which', async () => {
    const { summarizer: model } = await summarizer(() => 'The council met on Monday. It voted the budget. The council met on Monday.');
    const summary = await summarizeAbstractive(['Le conseil s’est réuni lundi.'], model, { settings: {}, limit: 100, batchSize: 4 });
    expect(summary).toEqual({ sentences: ['The council met on Monday.', 'It voted the budget.'], repeats: ['The council met on Monday.'], chunks: 1, rounds: 1 });
  });

  it('leaves out a sentence that two chunk summaries both give, before they are summarized again', async () => {
    const sentences = Array.from({ length: 6 }, (_, index) => `Sentence ${index} is here.`);
    const { summarizer: model, calls } = await summarizer((text) => (text.startsWith('Sentence') ? 'The same thing happened.' : text), 8);
    const summary = await summarizeAbstractive(sentences, model, { settings: { beams: 2 }, limit: 8, batchSize: 4 });
    expect(summary.chunks).toBeGreaterThan(1);
    expect(calls.summaries.at(-1)).toEqual(['The same thing happened.']);
    expect(summary.sentences).toEqual(['The same thing happened.']);
    expect(summary.repeats).toHaveLength(summary.chunks - 1);
    expect(calls.summarySettings[0]).toEqual({ beams: 2 });
  });
});
