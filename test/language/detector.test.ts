import { describe, expect, it } from 'vitest';
import { createDetector, defaultMinWordConfidence, posterior } from '../../src/language/detector.js';
import { detectLanguageOptions } from '../../src/stages/detect-language.js';

const defaults = detectLanguageOptions.parse({});

describe('posterior', () => {
  it('is a softmax of the scores over the temperature, shifted by the log prior', () => {
    const plain = posterior([-10, -12], 1);
    expect(plain[0]! + plain[1]!).toBeCloseTo(1);
    expect(plain[0]).toBeCloseTo(1 / (1 + Math.exp(-2)));
    // A higher temperature flattens: the same evidence is trusted less.
    expect(posterior([-10, -12], 4)[0]).toBeCloseTo(1 / (1 + Math.exp(-0.5)));
    // A prior of 0.9 against 0.1 moves the odds by 9.
    const tilted = posterior([-10, -10], 1, [Math.log(0.1), Math.log(0.9)]);
    expect(tilted[1]).toBeCloseTo(0.9);
  });
});

describe('language detector', async () => {
  const detector = await createDetector(defaults);

  it('tells the seven languages of the goal apart on short sentences, confidently', () => {
    const sentences: Record<string, string> = {
      fra: 'Il pleuvait depuis le matin.',
      eng: 'It had been raining since the morning.',
      deu: 'Es regnete seit dem Morgen.',
      spa: 'Llovía desde la mañana.',
      ita: 'Pioveva dalla mattina.',
      por: 'Chovia desde a manhã.',
      nld: 'Het regende sinds de ochtend.',
      cat: 'Plovia des del matí.',
      ron: 'Ploua de dimineață.',
    };
    for (const [code, text] of Object.entries(sentences)) {
      const detected = detector.detect(text);
      expect({ text, code: detected.code }).toEqual({ text, code });
      expect(detected.confidence).toBeGreaterThan(0.9);
    }
  });

  it('abstains with its best guess kept beside when a word is shared by several languages', () => {
    const detected = detector.detect('casa');
    expect(detected.code).toBe('und');
    expect(detected.guess).toMatch(/^(spa|ita|por|cat)$/);
    expect(detected.confidence).toBeLessThan(defaults.minConfidence);
  });

  it('answers a text of one word only from minWordConfidence up, as its best guess otherwise', async () => {
    // `Colorado`: a name, Spanish-looking, in English and French news alike.
    const detected = detector.detect('Colorado');
    expect(detected).toMatchObject({ code: 'und', guess: 'spa' });
    expect(detected.confidence).toBeGreaterThanOrEqual(defaults.minConfidence);
    expect(detected.confidence).toBeLessThan(defaultMinWordConfidence);
    const lenient = await createDetector({ ...defaults, minWordConfidence: defaults.minConfidence });
    expect(lenient.detect('Colorado')).toEqual({ code: 'spa', confidence: detected.confidence });
    // Two words at the same confidence would be answered: the rule is for one word.
    expect(defaultMinWordConfidence).toBeGreaterThan(defaults.minConfidence);
  });

  it('still answers on a single word that only one language has', () => {
    expect(detector.detect('Wohnungsbaugesellschaft').code).toBe('deu');
    expect(detector.detect('aujourd’hui').code).toBe('fra');
  });

  it('says und for text with no letters or no known features', () => {
    expect(detector.detect('2024 — 12:30 !')).toEqual({ code: 'und', confidence: 0 });
  });

  it('lets a prior tip an ambiguous text, but not a clear one', () => {
    const ambiguous = 'Tom parle.';
    const alone = detector.detect(ambiguous);
    const withPrior = detector.detect(ambiguous, { code: 'fra', probability: 0.9 });
    expect(withPrior.code).toBe('fra');
    expect(withPrior.confidence).toBeGreaterThan(alone.code === 'fra' ? alone.confidence : 0);
    expect(detector.detect('The weather is lovely today in London.', { code: 'fra', probability: 0.5 }).code).toBe('eng');
  });

  it('leaves text in another script to franc: a candidate if it is one, und otherwise', async () => {
    const russian = 'Правительство объявило вчера о новой пенсионной реформе, которая будет представлена в парламенте.';
    expect(detector.detect(russian).code).toBe('und');
    const withRussian = await createDetector({ ...defaults, candidates: [...defaults.candidates, 'rus'] });
    expect(withRussian.detect(russian).code).toBe('rus');
  });

  it('judges a candidate the model has not learnt with franc, on long enough text', async () => {
    const polish = 'Rząd ogłosił wczoraj nową reformę emerytalną, która zostanie przedstawiona w parlamencie w przyszłym tygodniu.';
    expect(detector.detect(polish).code).not.toBe('pol');
    const withPolish = await createDetector({ ...defaults, candidates: [...defaults.candidates, 'pol'] });
    expect(withPolish.profiled).not.toContain('pol');
    expect(withPolish.detect(polish).code).toBe('pol');
    // French stays French with Polish among the candidates.
    expect(withPolish.detect('Le gouvernement a annoncé hier une nouvelle réforme des retraites.').code).toBe('fra');
  });

  it('restricts its answers to the candidates', async () => {
    const two = await createDetector({ ...defaults, candidates: ['fra', 'eng'] });
    const detected = two.detect('Es regnete seit dem Morgen und die Straßen waren nass.');
    expect(['fra', 'eng', 'und']).toContain(detected.code);
  });
});
