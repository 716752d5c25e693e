/** French words that are never names: they tell a French sentence, and a capital at the start of one from a name. */

// Grammatical words of French that English does not share (not "a", "on", "me", "son", "plus", "car", "pays"):
// several in one translation mean it was left in French.
export const frenchOnlyWords: ReadonlySet<string> = new Set([
  'le', 'les', 'des', 'du', 'au', 'aux', 'une', 'et', 'est', 'sont', 'etait', 'ete', 'etre', 'avoir', 'ont', 'avait',
  'sera', 'fait', 'dans', 'pour', 'avec', 'sur', 'sous', 'chez', 'vers', 'entre', 'sans', 'depuis', 'pendant', 'selon',
  'apres', 'avant', 'qui', 'que', 'quoi', 'dont', 'ou', 'mais', 'donc', 'ni', 'puis', 'lorsque', 'quand', 'comme',
  'ce', 'cet', 'cette', 'ces', 'cela', 'ceci', 'ca', 'celui', 'celle', 'ceux', 'je', 'tu', 'il', 'ils', 'elle',
  'elles', 'nous', 'vous', 'lui', 'leur', 'leurs', 'ses', 'sa', 'mon', 'mes', 'ta', 'tes', 'notre', 'votre', 'nos',
  'vos', 'ne', 'pas', 'tres', 'aussi', 'tout', 'tous', 'toute', 'toutes', 'meme', 'autre', 'autres', 'bien',
  'encore', 'deja', 'ici', 'peu', 'beaucoup', 'trop', 'moins', 'si', 'alors', 'ainsi', 'aujourd\'hui', 'y', 'en',
  'c\'est', 'n\'est', 'qu\'il', 'qu\'elle', 'j\'ai', 'l\'on', 'd\'un', 'd\'une', 'parce', 'quelque', 'chaque', 'sommes',
  'etes', 'suis', 'avons', 'avez', 'peut', 'doit', 'faut', 'veut', 'aucun', 'aucune', 'plusieurs', 'jamais', 'rien',
  'toujours', 'non', 'oui', 'merci', 'pourquoi', 'comment', 'combien', 'parmi', 'lors', 'dès', 'des', 'afin', 'chacun',
]);

// Words that start French sentences with a capital, besides the grammatical words above: adverbs, connectives,
// determiners and other words no name is spelt like. Folded.
const sentenceStarters = [
  'la', 'un', 'on', 'a', 'de', 'son', 'ma', 'me', 'se', 'te', 'plus', 'par', 'car', 'or', 'toutefois', 'cependant',
  'pourtant', 'desormais', 'enfin', 'ensuite', 'd\'abord', 'hier', 'demain', 'maintenant', 'parfois', 'souvent',
  'personne', 'certains', 'certaines', 'quelques', 'quel', 'quelle', 'quels', 'quelles', 'voici', 'voila', 'bonjour',
  'quant', 'tandis', 'puisque', 'lorsqu', 'jusqu', 'puisqu', 'quoique', 'bref', 'outre', 'malgre', 'grace', 'face',
  'sauf', 'hormis', 'contrairement', 'actuellement', 'finalement', 'heureusement', 'malheureusement', 'notamment',
  'surtout', 'seulement', 'evidemment', 'certes', 'ailleurs', 'aussitot', 'bientot', 'tot', 'tard', 'longtemps',
  'autrefois', 'jadis', 'neanmoins', 'sinon', 'soit', 'tel', 'telle', 'tels', 'telles', 'seul', 'seule', 'seuls',
  'seules', 'nombreux', 'nombreuses', 'certain', 'certaine', 'differents', 'differentes', 'divers', 'diverses', 'tant',
  'autant', 'vraiment', 'cote', 'pres', 'loin', 'derriere', 'devant', 'dessus', 'dessous', 'contre', 'durant',
  'jusque', 'voire', 'aupres', 'environ', 'presque', 'assez', 'mieux', 'pire', 'moi', 'toi', 'soi', 'eux', 'celles',
  'celui-ci', 'celle-ci', 'ceux-ci', 'celles-ci', 'cela', 'voyons', 'allez', 'attention', 'ah', 'oh', 'eh', 'bon',
  'bref', 'ok', 'd\'ailleurs', 'dorenavant', 'la-bas', 'ici', 'ca', 'peut-etre', 'est-ce', 'qu\'est-ce',
  'n\'importe', 'nul', 'nulle', 'tout', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
];

// Common nouns that French capitalises by convention: "l'État", "chefs d'État", "sur Internet", "la Terre".
const capitalisedNouns = ['etat', 'etats', 'internet', 'web', 'toile', 'terre', 'lune', 'soleil', 'eglise', 'etat-major'];

/** Whether a folded word is a French grammatical or connective word, that no name is spelt like. */
export function isFrenchCommonWord(folded: string): boolean {
  return frenchOnlyWords.has(folded) || starterSet.has(folded);
}

/** Whether a folded word is a common noun that French capitalises by convention ("État", "Internet"). */
export function isCapitalisedNoun(folded: string): boolean {
  return capitalisedNounSet.has(folded);
}

const capitalisedNounSet: ReadonlySet<string> = new Set(capitalisedNouns);

const starterSet: ReadonlySet<string> = new Set(sentenceStarters);
