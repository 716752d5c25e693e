/**
 * Words that tell French, or another language, from English: the words of the French lexicon that English writes too
 * (955), which are no sign of French; and the commonest words of 7 other languages that English does not write
 * (1050). Learned by `npm run eval:integrity -- --learn` from the English of the tuning part and the odd lines of ../shared/eval/langid/tatoeba (cat, deu, ita, nld, por, ron, spa), 150 words a language. Generated: do not edit by hand.
 */
const shared = [
  'abandon absence absent accent acceptable accessible accident accord accusations accuse acquisition acquisitions',
  'action actions adaptation addiction addition administration admission adolescence adolescents adoption agent',
  'agents air airs al-maliki album allergies alliances alphabet alternative alternatives altitude altitudes amants',
  'ambition ambulances américain an and anecdotes angle anglo-saxon animal anti-nicotine apartheid application',
  'applications apprivoiser approbation aptitude araignée archives argon argument arguments arrange arrive arrogance',
  'arrogant arrondissement arsenal art article as aspects assassins assistance associations assume assurance assure',
  'attend attention attire attitude au audience audiences audio audition auditions auto avalanche avenue bad',
  'baguettes baiser balance bank bar bas base baseball bases basque bastion bastions bat belle ben benjamin beta',
  'bijective biscuits blanc bloc blog blues bonus boulevard bouquet brigade bu budget bug bureau bus but bête cabinet',
  'cafés camp campus canadienne canal canard cancer candidate cannabis capable capital car carnage cartons case cases',
  'casserole casting catalogue catastrophe cause causes cave cendres cent central centre cents certain champagne',
  'champion chance chances change changes chant charge charger charges chef chemin chi chose chromosomes château',
  'cigarette cigarettes circuit cite claire classes client clients clips clitoris cloud club clubs cm coalition',
  'cocker code coin cola collaboration collection collective collision colonel coma combat comité comment commerce',
  'commercial commission communes communication communications complications complot composition comédies concept',
  'concert concerts concession concessions conclusion conclusions condition conditions confirmation confrontation',
  'confrontations conscience consolation constitution construction consultant consultation consultations contact',
  'content continent continue continues contraception contribution convention conversation conversations convictions',
  'coronavirus correct correspondent corruption cottage couches coulisses country couple couples courage course',
  'courses court cousin crack crime crimes crocodile culture cultures curry dance danger dangers date de dent des',
  'descends designer destination destruction devise diaspora digestion dilettante diligence dimension direct',
  'direction disco discrimination discussion discussions dispute distance distribution division divorce document',
  'documents dollar dollars don dose double dragons drone du due e-mail ebay effective effort efforts email emails',
  'empire en encourage entrepreneur et eu euro euros examine excellent exception excessive exclusion existence expert',
  'experts expiration exploit explosion export expression face fair fans fantasy fascination fatal fatigue femme',
  'festival fiction figure film films final finances financiers fiscal fit flexible folk folklore fond foot football',
  'for force forces former four fous fracture franca française front frugal fruit fruits frustrations funéraire fur',
  'gadgets gain gallon garage gay gendarmerie genre gentleman global golf grand guide guides gym habit habits hackers',
  'hall hamburgers hard hermaphrodites hibernation high-tech hindi histoires homophones hormones horrible hryvnia',
  'humour identification idiot ido ignorance ignore illuminations image images imagination imagine immense immigrants',
  'impact impatience importance important impossible impression impressions impudence in inaccessible inaugural',
  'incident inclusion incompatible incurable indication inexplicable infection inflammation influence influences',
  'information infrastructure inhumation initiative injection innocent innovation inspection installations instant',
  'institution institutions instruction instructions instrument insurrection intelligent intense intensive intention',
  'intentions interactive interception interceptions interfaces interjection international interoception intersection',
  'intervention interview intro inversions invisible invitation invite ire islam issue itunes jazz jeans jet jeunesse',
  'job jogging journal jumbo jury justice justification kabyle kabyles kanji kilos kratom krypton la label lactose',
  'lance large lasso latex latin latitude le leader leaders lecture leds lent les lie linge lingua lion lions local',
  'long lot low-cost luminescence lyrique lyriques machine machines mafia magazine magazines main malaise',
  'manifestation manifestations marathi marathon marijuana mars martial masses massive master mat match mature',
  'maximum me meeting mention mentor message messages met migraines mile miles militant militants million millions',
  'mini-jumbo minimum minute minutes miracle missiles mission mobile mobiles mode model modem moment moments',
  'monarchies monde monotone mont monument moral morale morphine mort motion multiple munitions musical musicales',
  'nation national native nature navigation nazi net neuromarketing niche nicotine noble normal note notes nouvelle',
  'nova objection obligation obligations obscure observation obsession obstacle obstacles occasion occupants of',
  'offensive office offshore on opinion opinions opposition oppression option options or orange organisation',
  'organisations organise original oscars ours overdose page pages pain pair palace palpitations panique papiamento',
  'paquet parasite parent parents parking parole part partial participants parties passion pasteur patchwork patience',
  'patient patients pays performance performances personnel pesticides ph phase phases photo photos piano pierre pile',
  'piranha pirate pirates pizza place plan planning plans plus plutonium podcast podcasts point points poison police',
  'pona pop population port portable ports pose poses position positions positive possession possible potion presse',
  'prime prince principal printemps prison prix production productions prof profession profit profitable profits',
  'programme programmes progression projections promotion proportion prostate prostitution protection prototype',
  'province provision public publication punitive pure put père pétanque question questions queue radical radio',
  'radios radon rage raid raids rail rang rapport rare rat rats record refuge refuse regard relate relation relations',
  'relative relatives relevant religion religions remixes report reporter reporters reproduction restaurant',
  'restaurants restrictions retire revenue ridicule riffs ring rival robot rock roman rose roses route routine',
  'royaume rude rue rugby sa saint sale sales samba sandwich sarin satellite satisfaction sauce science score',
  'sculpture second secret secrets segment seniors sensation sensible sent sentiment servant serve service services',
  'sessions set sexy shillings show silence simple sinus sitcom site sites situation situations six slogan slogans',
  'smartphone smartphones sociable société soda solution solutions son sophistication soprano sort soul soumis source',
  'sources spectacle spice sportive sports star stars station stations stats statue stature steak stock stress strict',
  'structure studio studios style substance substances sud suit sumo super supervision supporters suppose surface',
  'surplus surprise surprises surveillance suspect suspects syndrome syphilis table tables tai talent taliban tape',
  'tarmac taxes taxi taxis tennis tension tensions terminal terrible test tests théâtre tickets tire to toki top',
  'total tour traces trackers trader trailer train transaction transformation transfusion transition transmissions',
  'transport transports tribulations tribunal trio troglodytes trouble troubles tube tunnel type types un union',
  'unique urgent vain vengeance venus verdict version versions via viable vices vie village villages vin violence',
  'violent virus vis-à-vis visa visas vision vital vocal vodka von vote votes voyage watchdisneyjunior.com wingsuit',
  'with yen yiddish zombies zone zones zugzwang',
];

const foreign: Readonly<Record<string, readonly string[]>> = {
  cat: [
    'abans ací agrada ahir aigua això amb amèrica anar anat anglès anys aquella aquest aquesta aquí ara arribar avui',
    'bon bona bé cada cap cel classe com començar comprar cop cosa coses cotxe crec deixar del dels demà deu dia',
    'difícil diners dir dos el ell ella els em encara ens es escriure estan estat estava estic està ets fa feliç fer',
    'fet fins gos gran gràcies ha hem ho ja jo jove l\'estació li llengua llibre llibres m\'agradaria mai mare menjar meu',
    'meva mi minuts molt morir més món ningú nit només nou o pare parla parlar passar pel perquè persona però plau pot',
    'pots problema puc quan quatre que qui quin quina què res sembla sempre ser setmana seu seva si sobre sé sóc són',
    'també tan tard temps teu teva tinc tot tots tres trucar tu té una va vaig vas vegada veure vol vols vull és',
  ],
  deu: [
    'ab aber alle alles als auch auf aus bei bis bist bitte buch da damit das dass deine den der dich diese dieser',
    'dieses dir doch drei ein eine einem einen einer einmal er es etwas euch französisch für gehen geht gemacht gerade',
    'gerne gesagt gesehen getan gibt ging glaube gut habe haben habt hast hatte haus hause helfen heute hier hätte ich',
    'ihm ihn ihnen ihr ihre im immer ins ist jetzt kann kannst kein keine keinen kinder kommt können lassen leben',
    'machen macht mag mal mehr mein meine meinen mich mir mit morgen muss möchte müssen nach nicht nichts nie niemand',
    'noch nur oder sagen sagte schon sehen sehr sei sein seine seinen sich sie sind sprechen tag toms tun um und uns',
    'viel viele vor waren warum weiß welt wenn wer werde werden wie wieder wir wird wo wollte wurde wäre würde zu zum',
    'zur zwei über',
  ],
  ita: [
    'abbiamo adesso alla alle anche ancora andare avere avete bene bisogno c\'è che ci città con cosa così cui da dalla',
    'davvero dei del della delle detto deve devo di domani era ero essere fa fare farlo fatto favore francese fuori',
    'genitori giorno già gli ha hai hanno ho ieri il io lavoro lei letto li libro lo loro lui là ma macchina mai mi mia',
    'miei mio molto ne nel nella nessuno niente noi non notte nulla o oggi ogni ora padre parlare penso perché persone',
    'però piace piacere più po posso presto prima può qua qualcosa qualcuno quando quanto quella quello questa questo',
    'qui riesco sarà scacchi se sei sembra sempre senza si sia siamo siete solo sono sta stata stato stava sto su sua',
    'suo suoi te tempo ti tre troppo tu tua tuo tutti tutto una veramente vero vi visto vita voglio voi vostro vuole è',
  ],
  nld: [
    'aan af alleen alles als alsjeblieft altijd bij boek daar dag dat denk deze dit doe doen drie echt een eens eet',
    'engels er erg eten frans gaan gaat ge gedaan geen gekocht gelukkig geweest gezien ging gisteren goed graag haar',
    'heb hebben hebt heeft heel helpen hem het hier hij hoe hoeveel hoofdstad hou houdt huis hun iedereen iemand iets',
    'ik jaar je jij jou jouw jullie kamer kan keer kinderen kom kon kunnen kunt kwam laat lang laten leven maar mag',
    'maken meer mensen mij mijn moeder moet moeten morgen naar niemand niet niets nodig nog nooit nu om ons onze ooit',
    'ook op spreken te tegen terug tijd toen toms tot twee u uit uur uw vader vandaag veel voor waar waarom wanneer',
    'waren wat weet weg wel werd weten wie wij wil willen worden wordt zal ze zeggen zei zich zien ziet zij zijn zo zou',
  ],
  por: [
    'acho agora ainda algo alguma alguém amanhã anos antes ao aqui assim até bem bom carro coisa coisas com comigo como',
    'da das dele deve deveria dia dinheiro disse dizer dos ela elas ele eles em era essa esse esta estamos estar estava',
    'este estou está estão falar faz fazer fez ficar foi francês gosta gostaria gosto grande hoje há inglês ir isso',
    'isto já livro lá mais manhã mas melhor mesmo meu meus mim minha muito mundo na nada ninguém noite nome nos novo',
    'nunca não nós o onde ontem os ou pai para parece pela pelo pessoas pode por posso pouco preciso qual quando quanto',
    'que quem quer queria quero realmente sabe sabia se sei sempre ser seu seus sobre sou sua são só te tem tempo tenho',
    'ter tinha todo todos trabalho três tudo tão um uma vai vamos verdade vez vida você vocês vou xadrez é',
  ],
  ron: [
    'acasă aceasta această acest acesta acum ai aici ani ar asta astăzi atât avea avem avut aș așa bine bun bună ca',
    'cartea ce ceea cel ceva chiar cine cred cu când cât că dacă dar dat decât despre din doar două ea ei el era este',
    'există ești fac faci facă fel fi fie fiecare fii foarte fost făcut fără i-a ieri lor luat lucru lui lumea m-am mai',
    'mare mea meu mi-a mi-am mult multe mâine mă ne nevoie nici niciodată nimeni nimic noi nouă nu nu-i nu-mi o oameni',
    'ori pare pe pentru peste pierdut poate pot poți prea putea până rog s-a sau se singur spus sunt să să-mi ta tatăl',
    'te timp timpul tine toate toată tot totul toți trebui trebuie trebuit trei tu tău unde va venit voi vorbesc vrea',
    'vreau vă zi îi îl îmi în îți şi școală și și-a știe știu',
  ],
  spa: [
    'agua ahora algo alguien alguna antes aquí así ayer años bien cada comer como con cosas creo cuando cuándo cómo',
    'decir del demasiado desde después dijo dinero dos día dónde el ella ellos era eres es esa ese eso esta estaba',
    'estado estar este esto estoy está están estás francés fue gente gusta ha haber hablar había hace hacer han hasta',
    'hay hecho hizo hombre hoy ir las libro lo mañana mejor mi mis mucho mundo muy más mí nada nadie niño noche nos',
    'nosotros nuestro nuevo nunca o padre para parece pero perro poco por porque puede puedes puedo que quería quiere',
    'quieres quiero quién qué sabe sabes se ser si siempre sobre solo su sus sé también tan tanto tarde te tenemos',
    'tengo tenía ti tiempo tiene tienes todavía todo todos trabajo tres tu tus tú una usted va ver verdad vez vida voy',
    'y ya yo él',
  ],
};

/** Whether a word of the French lexicon, as `lowerWord` gives it, is one English writes too. */
export function englishWrites(lowered: string): boolean {
  return sharedSet.has(lowered);
}

/** The languages (ISO 639-3) that a word, as `lowerWord` gives it, is a common word of, where English does not write it. */
export function foreignLanguagesOf(lowered: string): readonly string[] {
  return languagesOf.get(lowered) ?? [];
}

const sharedSet: ReadonlySet<string> = new Set(shared.join(' ').split(' '));
const languagesOf = new Map<string, string[]>();
for (const [code, lines] of Object.entries(foreign)) {
  for (const word of lines.join(' ').split(' ')) languagesOf.set(word, [...(languagesOf.get(word) ?? []), code]);
}
