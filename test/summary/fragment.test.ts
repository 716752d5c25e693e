import { describe, expect, it } from 'vitest';
import { isFragment } from '../../src/summary/fragment.js';

describe('isFragment', () => {
  it.each([
    ['OK.', 'fra'],
    ['Non.', 'fra'],
    ['Je suis indignée.', 'fra'],
    ['Par Jean-Pierre Dupont et Marie Martin', 'fra'],
    ['Photo d’illustration : Jean Dupont / AFP', 'fra'],
    ['© Reuters / Charles Platiau', 'fra'],
    ['Le maire de Lyon devant la mairie, le 12 mars 2019', 'fra'],
    ['Montant de la facture ?', 'fra'],
    ['Une maladresse aux graves conséquences.', 'fra'],
    ['By John Smith and Jane Doe', 'eng'],
    ['Yes.', 'eng'],
  ])('%s is a fragment', (text, language) => {
    expect(isFragment(text, language)).toBe(true);
  });

  it.each([
    ['Le maire a démissionné.', 'fra'],
    ['Il vit à Lyon depuis 1990.', 'fra'],
    ['La presse locale s’empare du sujet.', 'fra'],
    ['Elle n’en vend que 700.', 'fra'],
    ['La reconnaissance arrive en 1977 avec « Le Chant de Salomon » et le triomphe mondial en 1985 avec « Beloved ».', 'fra'],
    ['The mayor resigned on Monday.', 'eng'],
    ['Der Bürgermeister ist gestern zurückgetreten.', 'deu'],
  ])('%s is not a fragment', (text, language) => {
    expect(isFragment(text, language)).toBe(false);
  });
});
