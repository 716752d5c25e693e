// Clues that a piece of text holds a verb, for French and English, without a dictionary: forms of the verbs news
// sentences lean on, endings of conjugated forms, and the pronouns after which the next word is a verb ("il vit",
// "on en rit", "s'empare"). Present-tense forms ending in -e or -t ("le chauffeur porte plainte") cannot be told
// from nouns this way, so these are clues, never proof that a verb is missing.

interface VerbClues {
  /** Finite forms: a clause is there. */
  finite: ReadonlySet<string>;
  /** Infinitives and participles: a verb, maybe no clause ("à avoir reçu", "décédée lundi"). */
  nonFinite: ReadonlySet<string>;
  finiteEndings: RegExp;
  /** Endings that are often a verb's and sometimes a noun's ("viennent", "gouvernement"). */
  looseEndings: RegExp;
  /** Words after which, past any `clitics`, the next word is a finite verb: subject pronouns, and `se`, `ne`. */
  subjects: ReadonlySet<string>;
  /** Subjects that open a relative clause: the verb after them is not the sentence's. */
  relatives: ReadonlySet<string>;
  /** A sentence's opening on a subordinate clause: its verbs, up to the first comma, are not the sentence's. */
  subordinate: RegExp;
  clitics: ReadonlySet<string>;
}

const clues: Record<string, VerbClues> = {
  fra: {
    finite: words(
      'a ai as ont avait avaient aura auront aurait auraient est es sont suis était étaient sera seront serait ' +
        'seraient soit soient fut va vont vais fait font dit disent peut peuvent pourra pourrait doit doivent devra ' +
        'devrait faut fallait faudra faudrait veut veulent sait savent voit vient viennent tient met prend semble ' +
        'reste existe voici voilà',
    ),
    nonFinite: words('eu été être avoir mis pris'),
    finiteEndings: /(?:ait|aient|ra|rai|ront|rons|rez|rait|raient|èrent)$/u,
    looseEndings: /(?:ent|ons|ez|er|ir|é|ée|és|ées|it|ut)$/u,
    subjects: words('je j tu il elle on nous vous ils elles ce c ça cela qui ne n se s me m te t'),
    relatives: words('qui'),
    subordinate: /^[«"“\s]*(?:alors qu|si |s['’]il|quand |lorsqu|bien qu|tandis qu|puisqu|parce qu|même si |dès qu|après qu|avant qu|pour qu|comme )/iu,
    clitics: words('ne n se s me m te t le la les l lui leur y en nous vous'),
  },
  eng: {
    finite: words(
      'is are was were am has have had do does did will would can could shall should may might must says said ' +
        'gets got makes made takes took goes went comes came sees saw',
    ),
    nonFinite: words('be been being say get make take go come see'),
    finiteEndings: /(?:ed)$/u,
    looseEndings: /(?:ing|es|en)$/u,
    subjects: words('i you he she it we they who'),
    relatives: words('who which'),
    subordinate: /^["“\s]*(?:while |if |when |although |though |because |since |as |after |before |unless )/iu,
    clitics: words('also still never just not'),
  },
};

/** Whether a text shows any clue of a verb, loosely; `undefined` for a language without clues. */
export function hasVerb(text: string, language: string): boolean | undefined {
  const known = clues[language];
  return known && scan(text, known, false);
}

/** Whether a text shows a finite verb outside a relative clause ("Le ministre a annoncé …", not "Le ministre, qui …"). */
export function hasFiniteVerb(text: string, language: string): boolean | undefined {
  const known = clues[language];
  return known && scan(text, known, true);
}

function scan(text: string, known: VerbClues, finite: boolean): boolean {
  let afterSubject = false;
  // In a relative clause ("la foire, qui se déroule depuis 1462, …"), the verb after `qui` is not the sentence's;
  // nor is a verb before the first comma of a sentence that opens on a subordinate clause ("Alors que …, …").
  let afterRelative = false;
  let subordinate = finite && known.subordinate.test(text);
  // Capitalized words are names ("A Manille", "l'Est"); the first word is left out of the endings test.
  for (const [index, word] of (text.match(/\p{L}+|,/gu) ?? []).entries()) {
    if (word === ',') {
      subordinate = false;
      continue;
    }
    const lower = word.toLowerCase();
    if (afterRelative || subordinate) {
      afterRelative &&= known.clitics.has(lower);
      continue;
    }
    if (word === lower) {
      if (afterSubject && !known.clitics.has(lower)) return true;
      if (known.finite.has(lower) || (!finite && known.nonFinite.has(lower))) return true;
      if (index > 0 && lower.length > 3 && (known.finiteEndings.test(lower) || (!finite && known.looseEndings.test(lower)))) return true;
    }
    afterRelative = finite && known.relatives.has(lower);
    afterSubject = (known.subjects.has(lower) && !afterRelative) || (afterSubject && known.clitics.has(lower));
  }
  return false;
}

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(' '));
}
