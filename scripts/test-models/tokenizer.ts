/** A WordLevel `tokenizer.json` that Transformers.js loads: lower-cased, split on whitespace and punctuation, `</s>` appended. */
export function wordLevelTokenizer(vocabulary: readonly string[], special: { bos?: string; eos: string; unk: string; pad: string }): object {
  const vocab = Object.fromEntries(vocabulary.map((token, id) => [token, id]));
  const id = (token: string) => {
    const found = vocab[token];
    if (found === undefined) throw new Error(`${token} is not in the vocabulary`);
    return found;
  };
  // `<unk>` is left out of the special tokens so that decoding shows it: an unknown word must not vanish silently.
  const added = [...(special.bos ? [special.bos] : []), special.eos, special.pad].map((content) => ({
    id: id(content),
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
  // Marian appends `</s>`; BART wraps the text in `<s> … </s>`.
  const start = special.bos ? [{ SpecialToken: { id: special.bos, type_id: 0 } }] : [];
  const end = { SpecialToken: { id: special.eos, type_id: 0 } };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: { type: 'Lowercase' },
    // Unicode-aware: `employés` stays one word (the plain `Whitespace` splitter is ASCII-only in JavaScript).
    pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'WhitespaceSplit' }, { type: 'Punctuation', behavior: 'Isolated' }] },
    post_processor: {
      type: 'TemplateProcessing',
      single: [...start, { Sequence: { id: 'A', type_id: 0 } }, end],
      pair: [...start, { Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 0 } }, end],
      special_tokens: Object.fromEntries([special.bos, special.eos].filter((token) => token !== undefined).map((token) => [token, { id: token, ids: [id(token)], tokens: [token] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordLevel', vocab, unk_token: special.unk },
  };
}
