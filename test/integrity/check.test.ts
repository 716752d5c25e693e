import { describe, expect, it } from 'vitest';
import { checkTranslation, flagKinds, flagMeanings, type Flag } from '../../src/integrity/index.js';

const number = (detail: string): Flag => ({ kind: 'number', detail });
const name = (detail: string): Flag => ({ kind: 'name', detail });

describe('checkTranslation: numbers', () => {
  it.each([
    ['42 660 and 42,660', 'Il y a 42 660 habitants.', 'There are 42,660 inhabitants.', []],
    ['a no-break space', 'Il y a 42\u00a0660 habitants.', 'There are 42,660 inhabitants.', []],
    ['a narrow no-break space', 'Il y a 42\u202f660 habitants.', 'There are 42,660 inhabitants.', []],
    ['2,4 and 2.4', 'La croissance est de 2,4 %.', 'Growth is 2.4%.', []],
    ['3 % and 3%', 'Le chômage a baissé de 3 %.', 'Unemployment fell by 3%.', []],
    ['1er and 1st', 'Le 1er janvier, il partira.', 'He will leave on January 1st.', []],
    ['XXIe and 21st', 'Le XXIe siècle commence.', 'The 21st century begins.', []],
    ['14h30 and 2:30 p.m.', 'La réunion est à 14h30.', 'The meeting is at 2:30 p.m.', []],
    ['14h30 and 14:30', 'La réunion est à 14h30.', 'The meeting is at 14:30.', []],
    ['deux and two', 'Il a deux enfants.', 'He has two children.', []],
    ['dix and 10', 'Il a dix ans de plus que moi.', 'He is 10 years older than me.', []],
    ['une is "a", no number', 'Il a une voiture.', 'He has a car.', []],
    ['1,5 milliard and 1.5 billion', 'Le projet coûte 1,5 milliard.', 'The project costs 1.5 billion.', []],
    ['a number dropped', 'Il a payé 42 660 euros pour la maison.', 'He paid euros for the house.', [number('42 660 → missing')]],
    ['a number changed, with both values', 'La croissance est de 2,4 % cette année.', 'Growth is 3.4% this year.', [number('2,4 → 3.4')]],
    ['a number word changed', 'Il a deux enfants.', 'He has three children.', [number('deux → three')]],
    ['a scaled number changed', 'Le projet coûte 2,4 milliards.', 'The project costs 3.4 billion.', [number('2,4 milliards → 3.4 billion')]],
    ['a scale dropped', "Le budget est de 25 millions d'euros cette année.", 'The budget is 25 euros this year.', [number('25 millions → 25')]],
    ['millions become billions', 'Il a coûté 2,4 millions.', 'It cost 2.4 billion.', [number('2,4 millions → 2.4 billion')]],
    ['milliards become millions', 'Il a coûté 2,4 milliards.', 'It cost 2.4 million.', [number('2,4 milliards → 2.4 million')]],
    ['M$ and $90-million', 'Un projet de 90 M$ a été approuvé.', 'A $90-million project was approved.', []],
    ['Md£ and £32.7bn', 'Le coût passe de 32,7 Md£.', 'The cost rises from £32.7bn.', []],
    ['a range scaled once', 'Les revenus ont reculé de 4,2 à 4,1 Md$.', 'Revenue dipped to $4.1 billion from $4.2 billion.', []],
    ['trois cents and 300', 'Trois cents personnes sont venues hier soir au concert.', '300 people came to the concert last night.', []],
    ['sept milliards and seven thousand million', 'Les dépenses ont augmenté de sept milliards de dollars.', 'Spending went up by seven thousand million dollars.', []],
    ['15 m stays a length', 'Le mur mesure 15 m de haut.', 'The wall is 15 m high.', []],
  ])('%s', (_, source, translation, expected) => {
    expect(checkTranslation(source, translation)).toEqual(expected);
  });
});

describe('checkTranslation: names', () => {
  it.each([
    ['a translated country', "L'Allemagne a voté contre.", 'Germany voted against.', []],
    ['a translated city', 'Il vit à Londres depuis dix ans.', 'He has lived in London for ten years.', []],
    ['États-Unis and United States', 'Les États-Unis ont refusé.', 'The United States refused.', []],
    ['Assemblée nationale and National Assembly', "L'Assemblée nationale a voté la loi.", 'The National Assembly passed the law.', []],
    ["l'UE and the EU", "Il a quitté l'UE hier.", 'He left the EU yesterday.', []],
    ['accents dropped', 'François Hollande est arrivé.', 'Francois Hollande arrived.', []],
    ['a possessive', 'La politique de Hollande échoue.', "Hollande's policy is failing.", []],
    ["an elision, d'Obama", "Le discours d'Obama était long.", "Obama's speech was long.", []],
    ['a common word heading the sentence', 'Selon le ministre, tout va bien.', 'According to the minister, all is well.', []],
    ['OTAN and NATO', "L'OTAN se réunit à Bruxelles.", 'NATO meets in Brussels.', []],
    ['a dropped acronym', "L'OTAN se réunit à Bruxelles.", 'The alliance meets in Brussels.', [name('OTAN → missing')]],
    ['a dropped name', 'Le ministre a rencontré Barack Obama jeudi à Paris.', 'The minister met with the president in Paris on Thursday.', [name('Barack Obama → missing')]],
    ['a first name kept, the surname dropped', 'Le ministre a rencontré Barack Obama jeudi à Paris.', 'The minister met Barack in Paris on Thursday.', [name('Barack Obama → missing')]],
  ])('%s', (_, source, translation, expected) => {
    expect(checkTranslation(source, translation)).toEqual(expected);
  });
});

describe('checkTranslation: omissions, loops, the source left in French', () => {
  const bill = 'Le ministre a déclaré mardi que le gouvernement présenterait un projet de loi la semaine prochaine.';
  const source = 'Le gouvernement a annoncé jeudi une réforme des retraites qui sera présentée au Parlement le mois prochain.';
  it.each([
    ['a whole translation', source, 'The government announced on Thursday a pension reform that will be presented to Parliament next month.', []],
    ['half a translation', source, 'The government announced a pension reform on Thursday.', [{ kind: 'omission', detail: "51% of the source's length" }]],
    ['a loop of three words', 'Je ne sais pas.', "I don't know, I don't know, I don't know.", [{ kind: 'loop', detail: `"I don't know" ×3` }]],
    ['"the the the"', 'Le chat dort.', 'The the the cat sleeps.', [{ kind: 'loop', detail: '"The" ×3' }]],
    ['a repeat the source has too', 'Non, non, non !', 'No, no, no!', []],
    ['"that that", which is English', 'Nous avons découvert que ce n\'était pas vrai.', 'We found out that that was not true.', []],
    ['the source echoed', 'Le chat est sur la table.', 'Le chat est sur la table.', [{ kind: 'untranslated', detail: 'same as the source' }]],
    ['French left in the English', 'Le chat est sur la table, mais il dort.', 'The cat est sur la table, mais il dort.', [{ kind: 'untranslated', detail: 'reads as French: est, sur, mais' }]],
    ['French letters left in the English', "Le chat est très fatigué aujourd'hui.", 'The cat est très fatigué today.', [{ kind: 'untranslated', detail: 'partly French: est, très, fatigué' }]],
    ['the first clause translated, the rest left in French', bill, 'The minister said on Tuesday that le gouvernement présenterait un projet de loi la semaine prochaine.', [{ kind: 'untranslated', detail: 'partly French: le, gouvernement, présenterait' }]],
    ['the first clause left in French', bill, 'Le ministre a déclaré mardi que the government would present a bill next week.', [{ kind: 'untranslated', detail: 'partly French: le, ministre, déclaré' }]],
    ['German', bill, 'Der Minister sagte am Dienstag, dass die Regierung nächste Woche einen Gesetzentwurf vorlegen werde.', [{ kind: 'untranslated', detail: 'reads as German: der, sagte, dass' }]],
    ['Italian', bill, 'Il ministro ha detto martedì che il governo presenterà un disegno di legge la prossima settimana.', [{ kind: 'untranslated', detail: 'reads as Italian: il, ha, detto' }]],
    ['Dutch', bill, 'De minister zei dinsdag dat de regering volgende week een wetsvoorstel zou indienen.', [{ kind: 'untranslated', detail: 'reads as Dutch: zei, dat, een' }]],
    ['a short sentence in Spanish', 'Je suis fatigué.', 'Estoy muy cansado.', [{ kind: 'untranslated', detail: 'reads as Spanish: estoy, muy' }]],
    ['the English of that sentence', bill, 'The minister said on Tuesday that the government would present a bill next week.', []],
    ['a French institution kept by name', "Il travaille à l'Observatoire pour la Conservation et l'Etude des Animaux et Milieux Marins.", "He works at the Observatoire pour la Conservation et l'Etude des Animaux et Milieux Marins.", []],
    ['a French title quoted', 'On pense à "Gloire du matin", une pièce de Chouinard.', 'It is reminiscent of "Gloire du matin", a piece by Chouinard.', []],
    ['an English borrowing with an accent', 'Le café était déjà froid.', 'The café was already cold.', []],
    ['a sentence of names, its own translation', 'Jhonathan Florez', 'Jhonathan Florez', []],
  ])('%s', (_, source, translation, expected) => {
    expect(checkTranslation(source, translation)).toEqual(expected);
  });
});

describe('checkTranslation: empty translations and unknown tokens', () => {
  it.each([
    ['an empty translation', 'Le chat dort.', '', undefined, [{ kind: 'empty', detail: 'no translation' }]],
    ['a blank translation', 'Le chat dort.', '  \n', undefined, [{ kind: 'empty', detail: 'no translation' }]],
    ['<unk> in the text', 'Le chat dort.', '<unk> cat sleeps.', undefined, [{ kind: 'unknown', detail: '<unk> in the translation' }]],
    ['<unk> twice', 'Le chat dort.', 'The cat <unk> sleeps <unk>.', undefined, [{ kind: 'unknown', detail: '<unk> ×2 in the translation' }]],
    ['the model said so', 'Le chat dort.', 'The cat sleeps.', { unknown: true }, [{ kind: 'unknown', detail: 'a word the model could not write' }]],
    ['<unk> alone', 'Le chat dort.', '<unk>', undefined, [{ kind: 'empty', detail: 'no translation' }, { kind: 'unknown', detail: '<unk> in the translation' }]],
    ['an empty source', '', 'Anything', undefined, []],
    ['several kinds, in the order of flagKinds', 'Le président Emmanuel Macron a parlé.', 'The president spoke spoke spoke.', undefined, [name('Emmanuel Macron → missing'), { kind: 'loop', detail: '"spoke" ×3' }]],
  ])('%s', (_, source, translation, hints, expected) => {
    expect(checkTranslation(source, translation, hints)).toEqual(expected);
  });
});

describe('checkTranslation: an acronym kept in lower case', () => {
  it('flags it, and leaves other names English writes in lower case alone', () => {
    expect(checkTranslation('Les agents de l’ICE ont parlé hier.', 'The ice agents spoke yesterday.')).toEqual([name('ICE → ice (in lower case)')]);
    expect(checkTranslation('Les agents de l’ICE ont parlé hier.', 'The ICE agents spoke yesterday.')).toEqual([]);
    expect(checkTranslation('Il y a un Intercom dans la voiture.', 'There is an intercom in the car.')).toEqual([]);
  });
});

describe('checkTranslation: glossary terms', () => {
  // The terms of each sentence, as the translate stage finds them.
  const terms = [{ source: 'Maison Blanche', target: 'White House' }, { source: 'ICE', target: 'ICE' }];
  const bercy = [{ source: 'Bercy', target: 'Finance Ministry' }];
  it('flags a term whose English is missing, and nothing when every term is rendered', () => {
    expect(checkTranslation('La Maison Blanche défend l’ICE.', 'The White House defends ICE.', { terms })).toEqual([]);
    expect(checkTranslation('La Maison Blanche défend l’ICE.', 'The presidency defends ICE.', { terms })).toEqual([{ kind: 'term', detail: 'Maison Blanche → White House missing' }]);
  });

  it('leaves a name the glossary renders to the glossary: a term flag when missing, never a name flag', () => {
    // Without the glossary, "Bercy" is a name missing from the English.
    expect(checkTranslation('Bercy a répondu hier soir.', 'The Finance Ministry replied last night.').map((flag) => flag.kind)).toEqual(['name']);
    expect(checkTranslation('Bercy a répondu hier soir.', 'The Finance Ministry replied last night.', { terms: bercy })).toEqual([]);
    expect(checkTranslation('Bercy a répondu hier soir.', 'The ministry replied last night.', { terms: bercy })).toEqual([{ kind: 'term', detail: 'Bercy → Finance Ministry missing' }]);
  });

  it('leaves only the term to the glossary: the rest of a longer name must still come through', () => {
    const amazon = [{ source: 'Amazon', target: 'Amazon' }];
    const flags = checkTranslation('Les employés d’Amazon Web Services ont signé la lettre hier.', 'Amazon employees signed the letter yesterday.', { terms: amazon });
    expect(flags.map((flag) => flag.kind)).toEqual(['name']);
    expect(flags[0]!.detail).toContain('Web Services');
    expect(checkTranslation('Les employés d’Amazon Web Services ont signé la lettre hier.', 'Amazon Web Services employees signed the letter yesterday.', { terms: amazon })).toEqual([]);
    // NOTICE holds no ICE.
    expect(checkTranslation('La NOTICE de l’ICE est parue hier soir.', 'The ICE notice came out last night.', { terms: [{ source: 'ICE', target: 'ICE' }] }).map((flag) => flag.kind)).toEqual(['name']);
  });
});

describe('flag kinds', () => {
  it('lists every kind once, each with a one-line meaning for the legend', () => {
    expect(flagKinds).toEqual(['empty', 'untranslated', 'unknown', 'term', 'number', 'name', 'omission', 'loop']);
    expect(Object.keys(flagMeanings).sort()).toEqual([...flagKinds].sort());
    for (const kind of flagKinds) expect(flagMeanings[kind]).toMatch(/^[a-z][^\n]{10,80}$/);
  });
});
