/**
 * Names that English writes otherwise than French, beyond what the spelling rules of `name-matching.ts` see
 * (`Londres` and `London` share a stem; `Allemagne` and `Germany` share nothing): the French word, folded, and the
 * English words or phrases, folded and separated by commas, any of which keeps it. Places bring their adjectives, as
 * "la France" is often "French". General knowledge, not lines of the tuning data.
 */
const places: Record<string, string> = {
  allemagne: 'germany, german, germans', angleterre: 'england, english, britain, british',
  bretagne: 'britain, british, brittany', 'grande-bretagne': 'britain, british, uk',
  'royaume-uni': 'united kingdom, uk, u.k, britain, british', royaume: 'kingdom, uk, britain, british',
  uni: 'united, uk, britain, british', 'etats-unis': 'united states, us, u.s, usa, america, american, americans',
  amerique: 'america, american', france: 'france, french', espagne: 'spain, spanish', inde: 'india, indian',
  asie: 'asia, asian', irak: 'iraq, iraqi', iran: 'iran, iranian', 'pays-bas': 'netherlands, holland, dutch',
  belgique: 'belgium, belgian', suisse: 'switzerland, swiss', autriche: 'austria, austrian', grece: 'greece, greek',
  turquie: 'turkey, turkish', chypre: 'cyprus', pologne: 'poland, polish', hongrie: 'hungary, hungarian',
  roumanie: 'romania, romanian', suede: 'sweden, swedish', norvege: 'norway, norwegian', danemark: 'denmark, danish',
  irlande: 'ireland, irish', islande: 'iceland, icelandic', ecosse: 'scotland, scottish, scots', galles: 'wales, welsh',
  tchequie: 'czech', tcheque: 'czech', bielorussie: 'belarus', lettonie: 'latvia, latvian',
  moldavie: 'moldova, moldavia', tchetchenie: 'chechnya, chechen', kirghizistan: 'kyrgyzstan', saoudite: 'saudi',
  liban: 'lebanon, lebanese', cisjordanie: 'west bank', coree: 'korea, korean', japon: 'japan, japanese',
  birmanie: 'burma, myanmar', chili: 'chile, chilean', perou: 'peru, peruvian', bresil: 'brazil, brazilian',
  equateur: 'ecuador, equator', maroc: 'morocco, moroccan', soudan: 'sudan, sudanese', tchad: 'chad',
  erythree: 'eritrea', 'nouvelle-zelande': 'new zealand', pekin: 'beijing, peking, china, chinese',
  varsovie: 'warsaw', bruxelles: 'brussels, eu', caire: 'cairo', beyrouth: 'beirut', edimbourg: 'edinburgh',
  haye: 'hague', anvers: 'antwerp', gand: 'ghent', mecque: 'mecca', genes: 'genoa', alger: 'algiers', cap: 'cape',
  mossoul: 'mosul', bakou: 'baku', 'oulan-bator': 'ulaanbaatar, ulan bator', bombay: 'mumbai, bombay',
  calcutta: 'kolkata, calcutta', dunkerque: 'dunkirk', douvres: 'dover', caraibes: 'caribbean', manche: 'channel',
  sardaigne: 'sardinia', cornouailles: 'cornwall', 'terre-neuve': 'newfoundland', cachemire: 'kashmir',
  mandchourie: 'manchuria', bourgogne: 'burgundy', andalousie: 'andalusia', baviere: 'bavaria',
  flandre: 'flanders, flemish', troie: 'troy, trojan', nouvelle: 'new, nova', 'moyen-orient': 'middle east',
  'proche-orient': 'middle east, near east', sud: 'south, southern', nord: 'north, northern', est: 'east, eastern',
  ouest: 'west, western', occident: 'west, western', orient: 'east, eastern, orient',
};

// Peoples, as French capitalises them ("les Russes"), where English does not share their stem.
const peoples: Record<string, string> = {
  allemand: 'german, germany', allemands: 'german, germans, germany', anglais: 'english, england, british',
  francais: 'french, france', francaise: 'french, france', francaises: 'french, france',
  espagnol: 'spanish, spaniard, spain', espagnols: 'spanish, spaniards, spain', belges: 'belgians, belgian',
  suisses: 'swiss, switzerland', grecs: 'greeks, greek, greece', turcs: 'turks, turkish', japonais: 'japanese, japan',
  bresiliens: 'brazilians, brazilian', irakiens: 'iraqis, iraqi', quebecois: 'quebecers, quebec',
  ecossais: 'scottish, scots, scotland', bruxellois: 'brussels', britanniques: 'british, britons, britain',
  britannique: 'british, briton, britain', irlandais: 'irish, ireland', neerlandais: 'dutch, netherlands',
  polonais: 'poles, polish, poland', russes: 'russians, russian, russia', russe: 'russian, russia',
  suedois: 'swedes, swedish, sweden', asiatiques: 'asians, asian, asia', musulmans: 'muslims, muslim, moslems',
  chretiens: 'christians, christian', juifs: 'jews, jewish', juif: 'jew, jewish', libanais: 'lebanese, lebanon',
  marocains: 'moroccans, moroccan, morocco', gallois: 'welsh, wales', danois: 'danes, danish, denmark',
  finlandais: 'finns, finnish, finland', autrichiens: 'austrians, austrian, austria',
  hongrois: 'hungarians, hungarian, hungary', roumains: 'romanians, romanian, romania',
  coreens: 'koreans, korean, korea', thailandais: 'thais, thai, thailand', birmans: 'burmese, burma',
  ouighours: 'uighurs, uyghurs, uighur, uyghur', tchetchenes: 'chechens, chechen', saoudiens: 'saudis, saudi',
  koweitiens: 'kuwaitis, kuwaiti, kuwait', travaillistes: 'labour, labor', verts: 'greens, green',
};

// Institutions and the capitalised nouns of French news; common acronyms that English says otherwise.
const institutions: Record<string, string> = {
  etat: 'state, states, government, country, national', etats: 'states, state',
  gouvernement: 'government, administration', conseil: 'council, board', cour: 'court', ministere: 'ministry, department',
  premier: 'prime, premier, first', elysee: 'elysee, presidency, president, palace', matignon: 'prime minister, matignon',
  maison: 'house', blanche: 'white', unies: 'united, un, u.n', union: 'union, eu', europeenne: 'european, eu',
  bourse: 'stock exchange, stock market, exchange', eglise: 'church', pape: 'pope', parti: 'party', dieu: 'god',
  noel: 'christmas', paques: 'easter', guerre: 'war', mondiale: 'world', saint: 'saint, st, holy',
  sainte: 'saint, st, holy', croix: 'cross', rouge: 'red', toussaint: 'all saints', haute: 'high, upper',
  freres: 'brothers, brotherhood',
  pme: 'sme, smes, small businesses, small and medium, companies, firms', sms: 'sms, text, texts',
  qg: 'hq, headquarters', crs: 'riot police', hlm: 'social housing, council housing, public housing',
  smic: 'minimum wage', jo: 'olympics, olympic games', pcf: 'communist, communists', tgv: 'tgv, high-speed',
  bd: 'comic, comics', oms: 'who, world health', omc: 'wto, world trade', pib: 'gdp', tva: 'vat', sida: 'aids',
  adn: 'dna', ong: 'ngo, ngos', ovni: 'ufo', onu: 'un, u.n, united nations', ue: 'eu, european union',
  pdg: 'ceo, chief executive, chairman, president, head', ivg: 'abortion, abortions', fn: 'national front',
  ps: 'socialist, socialists', rdc: 'drc, congo',
};

// First names that English spells otherwise; days and months, capitalised at the head of a sentence or a headline.
const people: Record<string, string> = {
  jean: 'john, jean', pierre: 'peter, pierre', jacques: 'james, jack, jacques', guillaume: 'william',
  michel: 'michael, mike, michel', marc: 'mark, marc', luc: 'luke, luc', matthieu: 'matthew',
  etienne: 'stephen, steven, etienne', marie: 'mary, marie',
  lundi: 'monday', mardi: 'tuesday', mercredi: 'wednesday', jeudi: 'thursday', vendredi: 'friday', samedi: 'saturday',
  dimanche: 'sunday', janvier: 'january', fevrier: 'february', mars: 'march', avril: 'april', mai: 'may', juin: 'june',
  juillet: 'july', aout: 'august', septembre: 'september', octobre: 'october', novembre: 'november',
  decembre: 'december',
};

const forms = new Map([places, peoples, institutions, people].flatMap((table) => Object.entries(table)).map(([french, english]) => [french, english.split(', ')]));

/** The English forms of a French name that English spells otherwise, folded, or none. */
export function englishFormsOf(folded: string): readonly string[] {
  return forms.get(folded) ?? [];
}
