import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.js';

describe('splitSentences', () => {
  it.each([
    ['plain sentences', 'Le maire parle. Il se tait.', ['Le maire parle.', 'Il se tait.']],
    ['French titles with a period', 'M. Dupont et Mme Durand sont venus. Ils sont partis.', ['M. Dupont et Mme Durand sont venus.', 'Ils sont partis.']],
    ['initials and dotted acronyms', 'La U.S. Immigration agency et J. Smith. Fin.', ['La U.S. Immigration agency et J. Smith.', 'Fin.']],
    ['a numbered list inside a sentence', 'Il demande : 1. Appelez, 2. Supprimez. Puis rien.', ['Il demande : 1. Appelez, 2. Supprimez.', 'Puis rien.']],
    ['a year at the end of a sentence', 'Cela date de 2021. Depuis, rien.', ['Cela date de 2021.', 'Depuis, rien.']],
    ['n° and numbers with decimals', 'Le n° 5 coûte 2.5 euros. Voilà.', ['Le n° 5 coûte 2.5 euros.', 'Voilà.']],
    ['a sentence ending inside guillemets', '« Je veux être clair. » Une implication niée.', ['« Je veux être clair. »', 'Une implication niée.']],
    ['a quote opening the next sentence', 'Il a parlé. « Nous refusons », dit-il.', ['Il a parlé.', '« Nous refusons », dit-il.']],
    ['an ellipsis', 'Il hésite… Puis il part.', ['Il hésite…', 'Puis il part.']],
    ['an elision mark inside a quote', 'Elle est cruelle [...] Je veux être clair.', ['Elle est cruelle [...] Je veux être clair.']],
    ['a question and an exclamation', 'Pourquoi ? Parce que ! Voilà.', ['Pourquoi ?', 'Parce que !', 'Voilà.']],
    ['a lower-case continuation', 'Voir p. 12 et cf. annexe. Fin.', ['Voir p. 12 et cf. annexe.', 'Fin.']],
    ['a domain name', 'Ainsi d’ICEout.tech, un manifeste. Fin.', ['Ainsi d’ICEout.tech, un manifeste.', 'Fin.']],
    ['paragraphs glued by a scraper', 'dans 15 centres américains.Au lendemain, rien. Elle a dit "non".Puis elle part.', ['dans 15 centres américains.', 'Au lendemain, rien.', 'Elle a dit "non".', 'Puis elle part.']],
    ['glued capitals that are not a new sentence', 'Le site Booking.com et la U.S.Army. Fin.', ['Le site Booking.com et la U.S.Army.', 'Fin.']],
  ])('splits %s', (_, text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it('returns exact substrings that cover the paragraph', () => {
    const text = 'Samedi 24 janvier au soir, M. Bass était là. Ensemble, ils assistaient à une projection. « Fin. »';
    const sentences = splitSentences(text);
    expect(sentences.join(' ')).toBe(text);
    for (const sentence of sentences) expect(text).toContain(sentence);
  });
});
