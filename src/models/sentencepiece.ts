/**
 * Reads a SentencePiece model (a Marian's `source.spm` or `target.spm`, a protobuf `ModelProto`) and builds the
 * Unigram `tokenizer.json` that Transformers.js loads for it: the text is segmented with that model's scores, and the
 * pieces numbered as the model's shared vocabulary numbers them, as MarianTokenizer does. The test models' tokenizer
 * is built from `source.spm`; glossary terms are segmented with `target.spm`, as the model writes English.
 */

export interface Piece {
  piece: string;
  score: number;
  /** 1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte. */
  type: number;
}

/** The pieces of a SentencePiece `ModelProto` (field 1), in order. */
export function readSentencePieces(bytes: Uint8Array): Piece[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pieces: Piece[] = [];
  let offset = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[offset++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  };
  const skip = (wire: number) => {
    if (wire === 0) varint();
    else if (wire === 1) offset += 8;
    else if (wire === 2) {
      const length = varint();
      offset += length;
    }
    else if (wire === 5) offset += 4;
    else throw new Error(`unsupported protobuf wire type ${wire} at byte ${offset}`);
  };
  while (offset < bytes.length) {
    const key = varint();
    if (key >>> 3 !== 1 || (key & 7) !== 2) {
      skip(key & 7);
      continue;
    }
    const end = varint() + offset;
    const piece: Piece = { piece: '', score: 0, type: 1 };
    while (offset < end) {
      const field = varint();
      if (field === (1 << 3 | 2)) {
        const length = varint();
        piece.piece = new TextDecoder().decode(bytes.subarray(offset, offset + length));
        offset += length;
      } else if (field === (2 << 3 | 5)) {
        piece.score = view.getFloat32(offset, true);
        offset += 4;
      } else if (field === (3 << 3 | 0)) {
        piece.type = varint();
      } else {
        skip(field & 7);
      }
    }
    pieces.push(piece);
  }
  return pieces;
}

// Pieces of the shared vocabulary that the SentencePiece model lacks (the other side's pieces) are kept reachable but last resort.
const absentScore = -1000;

/** A Unigram `tokenizer.json` over `vocab` (piece → id), scored by a SentencePiece model. */
export function unigramTokenizer(vocab: Record<string, number>, pieces: readonly Piece[], special: { eos: string; unk: string; pad: string }): object {
  const scores = new Map(pieces.filter((piece) => piece.type === 1).map((piece) => [piece.piece, piece.score]));
  const byId = Object.entries(vocab).sort((a, b) => a[1] - b[1]);
  byId.forEach(([, id], index) => {
    if (id !== index) throw new Error(`vocab.json ids are not 0..n-1: id ${id} at position ${index}`);
  });
  const added = [special.eos, special.unk, special.pad].map((content) => ({
    id: vocab[content]!, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
  }));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: { type: 'NFKC' },
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', add_prefix_space: true, prepend_scheme: 'always', split: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: special.eos, type_id: 0 } }],
      pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 0 } }, { SpecialToken: { id: special.eos, type_id: 0 } }],
      special_tokens: { [special.eos]: { id: special.eos, ids: [vocab[special.eos]!], tokens: [special.eos] } },
    },
    decoder: { type: 'Metaspace', replacement: '▁', add_prefix_space: true, prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: vocab[special.unk]!, vocab: byId.map(([piece]) => [piece, scores.get(piece) ?? absentScore]) },
  };
}
