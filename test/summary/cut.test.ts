import { describe, expect, it } from 'vitest';
import { countWords, type Sentence } from '../../src/article.js';
import { cutSentence, cutTranslation } from '../../src/summary/cut.js';

const reform = 'Le gouvernement a annoncé lundi une réforme des retraites ; les syndicats appellent à la grève dès jeudi dans toute la France.';

describe('cutSentence', () => {
  it.each([
    ['at a semicolon rather than a later comma', reform, 14, 'Le gouvernement a annoncé lundi une réforme des retraites…'],
    ['at the latest comma that fits', 'Le gouvernement a annoncé lundi une réforme, que les syndicats contestent, et une hausse du salaire minimum.', 12, 'Le gouvernement a annoncé lundi une réforme, que les syndicats contestent…'],
    ['after a closing guillemet, which it keeps', 'Le ministre a déclaré « nous ne céderons rien, ni aujourd’hui ni demain » devant les députés réunis en séance.', 14, 'Le ministre a déclaré « nous ne céderons rien, ni aujourd’hui ni demain »…'],
    ['at a sentence end the splitter missed', 'Le texte a été adopté par 300 voix contre 200. Trois députés se sont abstenus lors du vote final de mardi soir.', 12, 'Le texte a été adopté par 300 voix contre 200…'],
    ['past the subject’s verb, not after the subject alone', 'Les organisateurs, qui se sont associés au canadien IMAX et à AT&T, ont indiqué que les projections auraient lieu en plein air, sur écran géant.', 24, 'Les organisateurs, qui se sont associés au canadien IMAX et à AT&T, ont indiqué que les projections auraient lieu en plein air…'],
    ['between words when no clause break fits, not after a function word', 'Le président de la République a reçu hier à l’Élysée les dirigeants des syndicats de salariés.', 9, 'Le président de la République a reçu hier…'],
    ['between words, never inside a name', 'Le ministre a déclaré hier soir à la presse que Jean-Pierre Dupont serait nommé.', 11, 'Le ministre a déclaré hier soir à la presse…'],
    ['never inside a number written with a comma', 'Le taux atteint 1,5 % chez les ouvriers et 7,5 % chez les habitants des communes rurales.', 5, 'Le taux atteint 1,5 %…'],
  ])('cuts %s', (_, text, most, expected) => {
    const { text: cut } = cutSentence(text, most, Math.ceil(most / 2), 'fra');
    expect(cut).toBe(expected);
    expect(countWords(cut)).toBeLessThanOrEqual(most);
  });

  it('returns a sentence that fits as it is, complete', () => {
    expect(cutSentence(reform, 40, 20, 'fra')).toEqual({ text: reform, complete: true });
  });

  it('says when a cut leaves a subject without its verb, or a subordinate clause alone', () => {
    const text = 'Seule auteure afro-américaine à avoir reçu le prix Nobel de littérature, Toni Morrison, décédée lundi à 88 ans, a donné une voix aux Noirs.';
    expect(cutSentence(text, 20, 10, 'fra')).toEqual({ text: 'Seule auteure afro-américaine à avoir reçu le prix Nobel de littérature, Toni Morrison, décédée lundi à 88 ans…', complete: false });
    const subordinate = 'Alors que l’essentiel des dirigeants de l’industrie numérique ont un accès privilégié à la Maison Blanche, des employés du secteur essaient de les obliger à se positionner.';
    expect(cutSentence(subordinate, 24, 12, 'fra')).toEqual({ text: 'Alors que l’essentiel des dirigeants de l’industrie numérique ont un accès privilégié à la Maison Blanche…', complete: false });
    expect(cutSentence(reform, 14, 7, 'fra').complete).toBe(true);
  });
});

describe('cutTranslation', () => {
  const sentence: Sentence = { text: reform, translation: 'The government announced a pension reform on Monday; the unions are calling for a strike from Thursday throughout France.' };

  it('cuts the English at the clause break nearest the same share of words, preferring the French cut’s mark', () => {
    expect(cutTranslation(sentence, 'Le gouvernement a annoncé lundi une réforme des retraites…')).toBe('The government announced a pension reform on Monday…');
  });

  it('keeps whole the pieces the sentence was translated in when the French keeps them whole', () => {
    const text = 'Le maire a parlé longtemps, puis il est parti ; les habitants sont restés sur la place jusqu’au soir.';
    const pieces: Sentence = {
      text,
      translation: 'The mayor spoke for a long time, then left; the residents stayed in the square until the evening.',
      segments: [
        { source: 'Le maire a parlé longtemps, puis il est parti ;', translation: 'The mayor spoke for a long time, then left;' },
        { source: 'les habitants sont restés sur la place jusqu’au soir.', translation: 'the residents stayed in the square until the evening.' },
      ],
    };
    expect(cutTranslation(pieces, 'Le maire a parlé longtemps, puis il est parti…')).toBe('The mayor spoke for a long time, then left…');
    expect(cutTranslation(pieces, 'Le maire a parlé longtemps, puis il est parti ; les habitants sont restés sur la place…'))
      .toBe('The mayor spoke for a long time, then left; the residents stayed in the square…');
  });

  it('gives the translation as it is when the sentence was not cut, and nothing when there is none', () => {
    expect(cutTranslation(sentence, reform)).toBe(sentence.translation);
    expect(cutTranslation({ text: reform }, 'Le gouvernement a annoncé lundi une réforme des retraites…')).toBeUndefined();
  });
});
