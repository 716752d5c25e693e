/**
 * The ISO 639-3 codes franc 6 can answer with (its trigram data and its single-script languages), so that a
 * candidate list is checked where it is written. test/language/franc-languages.test.ts keeps it in step with franc.
 */
export const francLanguages: ReadonlySet<string> = new Set([
  'ace', 'ada', 'afr', 'aii', 'als', 'amh', 'arb', 'ayr', 'azj', 'bam', 'ban', 'bci', 'bcl', 'bel', 'bem', 'ben',
  'bho', 'bin', 'bod', 'bos', 'bug', 'bul', 'bum', 'cat', 'ceb', 'ces', 'cjk', 'ckb', 'cmn', 'dan', 'deu', 'dip',
  'dyu', 'ekk', 'ell', 'emk', 'eng', 'epo', 'ewe', 'fin', 'fon', 'fra', 'fuf', 'fuv', 'gaa', 'glg', 'guj', 'hat',
  'hau', 'heb', 'hil', 'hin', 'hms', 'hnj', 'hrv', 'hun', 'hye', 'ibb', 'ibo', 'iii', 'ilo', 'ind', 'ita', 'jav',
  'jpn', 'kan', 'kat', 'kaz', 'kbd', 'kbp', 'kde', 'khk', 'khm', 'kin', 'kir', 'kmb', 'knc', 'kng', 'koi', 'kor',
  'lao', 'lin', 'lit', 'lua', 'lug', 'lun', 'lvs', 'mad', 'mag', 'mai', 'mal', 'mar', 'men', 'min', 'mkd', 'mos',
  'mya', 'ndo', 'nds', 'nhn', 'nld', 'nno', 'nob', 'npi', 'nso', 'nya', 'nyn', 'pam', 'pan', 'pbu', 'pes', 'plt',
  'pol', 'por', 'prs', 'qug', 'quy', 'quz', 'rmn', 'ron', 'run', 'rup', 'rus', 'sag', 'sat', 'sco', 'shn', 'sin',
  'skr', 'slk', 'slv', 'sna', 'snk', 'som', 'sot', 'spa', 'src', 'srp', 'ssw', 'suk', 'sun', 'swe', 'swh', 'tam',
  'tat', 'tel', 'tem', 'tgk', 'tgl', 'tha', 'tir', 'tiv', 'toi', 'tpi', 'tsn', 'tso', 'tuk', 'tur', 'tzm', 'uig',
  'ukr', 'umb', 'urd', 'uzn', 'vec', 'ven', 'vie', 'vmw', 'war', 'wol', 'xho', 'yao', 'ydd', 'yor', 'zgh', 'zlm',
  'zul', 'zyb',
]);
