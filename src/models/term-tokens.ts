/**
 * Glossary terms as the token sequences a model writes them with (`constraints.ts`). A Marian writes English in its
 * `target.spm` segmentation, and its `tokenizer.json` is built from `source.spm`: on the English names of newstest2014
 * (lines 2001–3003) the two agree on 43% only (`▁Mini ster` against `▁Minister`), so a term is segmented with
 * `target.spm` when the model folder has it, and with the model's tokenizer otherwise. A term is met as a word
 * (`▁Everyone`), or glued to a quote or bracket before it, segmented as it is there (`▁" Every one`: 5.6% of those names
 * in their sentences are written so); and, written in lower case, with a capital at a sentence's head.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { continuesWord, endsWord, type Constraint, type Constraints } from './constraints.js';
import { readSentencePieces, unigramTokenizer } from './sentencepiece.js';

type Library = typeof import('@huggingface/transformers');
type Tokenizer = InstanceType<Library['PreTrainedTokenizer']>;

/** A model's way of writing terms: each term's token sequences, and how its tokens join. */
export interface TermTokenizer {
  /** The sequences that write `term`, the one to put in first; none when the vocabulary cannot write it exactly. */
  constraint(term: string): Constraint | undefined;
  /** Each token's `continuesWord` and `endsWord` bits. */
  joins: Uint8Array;
}

/** What a term may come right after, glued: an opening quote or bracket. */
const openings = ['"', '('];

/** Reads what a model needs to write terms: its `target.spm` if it has one, its tokenizer's vocabulary. */
export async function loadTermTokenizer(transformers: Library, folder: string, tokenizer: Tokenizer): Promise<TermTokenizer> {
  const vocabulary = tokenizer.get_vocab();
  const english = await targetTokenizer(transformers, folder, tokenizer, vocabulary);
  const unknown = (tokenizer.unk_token_id as number | null | undefined) ?? undefined;
  const wordWise = [...vocabulary.keys()].some((piece) => piece.startsWith('▁'));
  const joins = new Uint8Array([...vocabulary.values()].reduce((most, id) => Math.max(most, id + 1), 0));
  for (const [piece, id] of vocabulary) {
    if (wordWise && !piece.startsWith('▁') && /^[\p{L}\p{M}\p{N}]/u.test(piece)) joins[id]! |= continuesWord;
    if (/[\p{L}\p{M}\p{N}]$/u.test(piece)) joins[id]! |= endsWord;
  }
  // An unknown token becomes source text, which may be a word of any shape: never next to a term's letters.
  if (unknown !== undefined) joins[unknown] = continuesWord | endsWord;
  const encode = (text: string) => english.encode(text, { add_special_tokens: false });
  // Canonical forms only: a tokenizer that writes ™ as TM or ½ as 1⁄2 (NFKC) cannot write the term as the glossary does.
  const clean = (text: string) => text.normalize('NFC').replace(/\s+/gu, ' ').trim();
  // A run's terms are few and come back in batch after batch.
  const known = new Map<string, Constraint | undefined>();
  return {
    joins,
    constraint(term) {
      if (known.has(term)) return known.get(term);
      const forms = [term];
      const capital = term[0]!.toUpperCase() + term.slice(1);
      if (capital !== term) forms.push(capital);
      const sequences = new Map<string, number[]>();
      for (const form of forms) {
        const written = [encode(form)];
        for (const opening of openings) {
          // The term's tokens after the opening's own, if the opening stays a token of its own.
          const [alone, glued] = [encode(opening), encode(`${opening}${form}`)];
          if (alone.every((token, index) => glued[index] === token)) written.push(glued.slice(alone.length));
        }
        for (const tokens of written) {
          // A sequence that would not read as the term (an unknown piece, a tokenizer that changes case) is no way to write it.
          if (!tokens.length || (unknown !== undefined && tokens.includes(unknown)) || clean(tokenizer.decode(tokens)) !== clean(form)) continue;
          sequences.set(tokens.join(' '), tokens);
        }
      }
      const constraint = sequences.size ? [...sequences.values()] : undefined;
      known.set(term, constraint);
      return constraint;
    },
  };
}

/** Each text's terms as the decoding loop keeps to them; a term the vocabulary cannot write is left out. */
export function termConstraints(tokenizer: TermTokenizer, terms: readonly (readonly string[])[]): Constraints {
  return { terms: terms.map((list) => list.map(tokenizer.constraint).filter((sequences) => sequences !== undefined)), joins: tokenizer.joins };
}

/** The tokenizer of English as the model writes it: from `target.spm` when the folder has one that fits. */
async function targetTokenizer(transformers: Library, folder: string, tokenizer: Tokenizer, vocabulary: Map<string, number>): Promise<Tokenizer> {
  const target = await readFile(path.join(folder, 'target.spm')).catch(() => undefined);
  if (!target) return tokenizer;
  try {
    const config = JSON.parse(await readFile(path.join(folder, 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
    const special = { eos: tokenizer.eos_token as string, unk: tokenizer.unk_token as string, pad: tokenizer.pad_token as string };
    return new transformers.PreTrainedTokenizer(unigramTokenizer(Object.fromEntries(vocabulary), readSentencePieces(target), special), config);
  } catch {
    // A target.spm that does not fit the vocabulary: the model's own tokenizer writes terms, as without one.
    return tokenizer;
  }
}
