/**
 * Loads seq2seq models: their tokenizers through Transformers.js, their sessions in a decoding thread. Loaded lazily,
 * so `--help`, `validate` and config errors never load onnxruntime. The vocabulary of a model's config files
 * (`min_length`, `no_repeat_ngram_size`, snake_case) stays in `model-config.ts`.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ModelError } from '../errors.js';
import { missingFiles, modelFolder, seq2seqFiles, seq2seqSessionFiles, type Dtype } from './files.js';
import { DecoderThread } from './decoder-client.js';
import type { DecodeOptions } from './decoding.js';
import { modelIdentity, modelLabel } from './identity.js';
import { readModelConfig, type DecodingRules, type ModelTask } from './model-config.js';
import type { LengthBounds } from './next-token.js';
import { loadTermTokenizer, termConstraints, type TermTokenizer } from './term-tokens.js';
import type { ModelRequest, Summarizer, SummarySettings, Translation, TranslationSettings, Translator } from './types.js';
import { restoreUnknown, unknownStretches } from './unknown.js';
import { verifyModel } from './verify.js';

type Library = typeof import('@huggingface/transformers');

let library: Promise<Library> | undefined;

/** Imports Transformers.js once, set up never to reach the network and to read models only from `directory`. */
async function importLibrary(directory: string): Promise<Library> {
  library ??= import('@huggingface/transformers');
  const transformers = await library;
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = directory.endsWith('/') ? directory : `${directory}/`;
  transformers.env.useFSCache = false;
  transformers.env.logLevel = transformers.LogLevel.ERROR;
  return transformers;
}

/**
 * Loads a Marian (or other seq2seq) translation model. Its token rules and output length limit come from the model's
 * config; the beam width and repetition guards from the caller's settings.
 */
export async function loadTranslator(directory: string, request: ModelRequest, threads = availableParallelism()) {
  const model = await loadSeq2Seq(directory, request, threads);
  const limit = translationLimit(model.rules);
  const translator = {
    ...model.description,
    countTokens: model.countTokens,
    async translate(texts: readonly string[], settings: TranslationSettings, lengths?: readonly number[], terms?: readonly (readonly string[])[]) {
      const { beams, repetitionPenalty, noRepeatNgram } = settings;
      const constraints = terms?.some((list) => list.length) ? termConstraints(await model.terms(), terms) : undefined;
      return model.generate(texts, { beams, repetitionPenalty, noRepeatNgram, ...(constraints ? { constraints } : {}) }, (source, index) => {
        const forced = lengths?.[index];
        if (forced !== undefined) return { least: forced, most: forced };
        const bounds = translationBounds(settings, source, limit, model.rules.least);
        // Room for the terms, however short the source that holds them (`ICE`, rendered in five words).
        const needed = constraints?.terms[index]!.reduce((total, sequences) => total + sequences[0]!.length, 0) ?? 0;
        return { ...bounds, most: Math.max(bounds.most, Math.min(needed, limit - 1)) };
      });
    },
    async prepareTerms(terms: readonly string[]) {
      const { constraint } = await model.terms();
      return terms.filter((term) => !constraint(term));
    },
  } satisfies Translator;
  return { model: translator, dispose: model.dispose };
}

/**
 * Loads a BART (or other seq2seq) summarization model. Its config, with its summarization settings over its generation
 * config as Hugging Face's summarization pipeline reads them, gives what the settings leave out: beam width, least and
 * most length, repetition guards, length penalty, early stopping, the input's prefix.
 */
export async function loadSummarizer(directory: string, request: ModelRequest, threads = availableParallelism()) {
  const model = await loadSeq2Seq(directory, request, threads, 'summarization');
  const summarizer = {
    ...model.description,
    countTokens: model.countTokens,
    async summarize(texts, settings = {}) {
      const most = summaryLength(settings, model.rules, model.limit);
      const outputs = await model.generate(texts, { beams: settings.beams ?? model.rules.beams }, () => ({ least: Math.min(model.rules.least, most), most }));
      return outputs.map((output) => output.text);
    },
  } satisfies Summarizer;
  return { model: summarizer, dispose: model.dispose };
}

/** Hugging Face's default `max_length`, for a model whose config sets none. */
const defaultOutputLength = 20;

/**
 * How many tokens a summary may hold before its end token: `maxTokens` less the end token, or else the model's own
 * `max_length` less its start and end tokens (140 for distilbart-cnn's 142); never past the positions the decoder reads.
 */
export function summaryLength(settings: SummarySettings, rules: Pick<DecodingRules, 'outputLength'>, positions: number): number {
  const generated = settings.maxTokens ?? (rules.outputLength ?? defaultOutputLength) - 1;
  return Math.min(generated, positions) - 1;
}

/**
 * A seq2seq model of the models folder: its tokenizer here, its sessions in a decoding thread that runs bitext's own
 * loop (`decoding.ts`), which drops each row from the batch once it ends. A missing or damaged file, or a config
 * bitext cannot run, stops the load with a message that names it and what to do about the model (what to do about
 * the stage that wanted it is the caller's to add). `generate` gives one output per input, in order (its text, whether
 * it is empty, its unknown words restored), each within the bounds `bounds` gives for its source's token count;
 * `settings` override the model's rules.
 */
async function loadSeq2Seq(directory: string, request: ModelRequest, threads: number, task?: ModelTask) {
  const dtype = request.dtype as Dtype;
  const folder = modelFolder(directory, request.model);
  const missing = await missingFiles(folder, seq2seqFiles(dtype));
  if (missing.length) {
    throw new ModelError(
      `Model \`${request.model}\` (${request.dtype}) is not installed: ${folder} lacks ${missing.join(', ')}. ` +
        `On a connected machine, run \`bitext models pull ${request.model} --dtype ${request.dtype}\`, or copy the folder from one ` +
        '(README, "Getting models").',
    );
  }
  // A model its config files do not let bitext run is turned away before anything is loaded.
  const { rules, problems } = await readModelConfig(folder, task);
  if (problems) {
    throw new ModelError(
      `Model \`${request.model}\` (${request.dtype}) in ${folder} cannot be run: ${problems.map((problem) => `${problem.file}: ${problem.reason}`).join('; ')}. ` +
        'If the file was edited or damaged, copy the model folder again; otherwise choose another model.',
    );
  }
  const label = modelLabel(request);
  let loaded;
  try {
    const transformers = await importLibrary(directory);
    const tokenizer = await transformers.AutoTokenizer.from_pretrained(request.model, { local_files_only: true });
    const sessions = seq2seqSessionFiles(dtype);
    const thread = await DecoderThread.start({ encoder: path.join(folder, sessions.encoder), decoder: path.join(folder, sessions.decoder), threads, label });
    loaded = { tokenizer, thread, transformers };
  } catch (error) {
    // Name the damaged file when the check of `models verify` finds it; the library's message often does not.
    const { corrupt } = await verifyModel(directory, { model: request.model, dtype, files: seq2seqFiles(dtype) }).catch(() => ({ corrupt: [] }));
    const damaged = corrupt.length ? ` Damaged: ${corrupt.map((problem) => `${problem.file} (${problem.reason})`).join('; ')}.` : ' A file may be truncated or corrupt.';
    throw new ModelError(
      `Model \`${request.model}\` (${request.dtype}) in ${folder} could not be loaded: ${(error as Error).message.replace(/\.+$/, '')}.${damaged} ` +
        `Run \`bitext models pull ${request.model} --dtype ${request.dtype}\` on a connected machine, or copy the model folder again.`,
      { cause: error },
    );
  }
  const { tokenizer, thread, transformers } = loaded;
  // `null` when the tokenizer names no unknown token: then there is nothing to restore.
  const unknownId = (tokenizer.unk_token_id as number | null | undefined) ?? undefined;
  const special = new Set<number>(tokenizer.all_special_ids);
  /** An output's text, each unknown token given back the source text it stands for (see `unknown.ts`). */
  const outputText = (tokens: readonly number[], source: string): Translation => {
    const count = unknownId === undefined ? 0 : tokens.filter((token) => token === unknownId).length;
    // A model may end at once; Transformers.js refuses to decode no tokens, which would fail the whole batch.
    const shown = tokens.filter((token) => token === unknownId || !special.has(token));
    if (!count) {
      const text = shown.length ? tokenizer.decode(shown).trim() : '';
      return { text, empty: !text, unknown: { restored: [], missing: 0 } };
    }
    // The unknown token is special in the real Marian's tokenizer, and would vanish from the text: show it, then fill it.
    const decoded = tokenizer.decode(shown, { skip_special_tokens: false }).trim();
    const stretches = unknownStretches(source, tokenizer.tokenize(source), tokenizer.encode(source, { add_special_tokens: false }), unknownId!, tokenizer.unk_token);
    const { text, unknown } = restoreUnknown(decoded, tokenizer.unk_token, count, stretches);
    return { text, empty: !text, unknown };
  };
  // Read once, when terms are first asked for.
  let termTokenizer: Promise<TermTokenizer> | undefined;
  // Read once the files are known to load: the key of translations cached for this model.
  const identity = await modelIdentity(directory, request, seq2seqFiles(dtype));
  const limit = rules.maxLength;
  return {
    description: {
      label,
      identity,
      // Leave room for the end-of-sequence token the tokenizer appends.
      maxInputTokens: limit - 1,
    },
    limit,
    rules,
    // The model reads each text after its config's prefix (distilbart-cnn's is a space), as Hugging Face's pipelines give it.
    countTokens: async (texts: readonly string[]) => texts.map((text) => tokenizer.encode(rules.prefix + text).length),
    /** How the model writes terms, read the first time it is asked for. */
    terms(): Promise<TermTokenizer> {
      termTokenizer ??= loadTermTokenizer(transformers, folder, tokenizer).catch((error: unknown) => {
        termTokenizer = undefined;
        throw error;
      });
      return termTokenizer;
    },
    async generate(texts: readonly string[], settings: Partial<Pick<DecodeOptions, 'beams' | 'repetitionPenalty' | 'noRepeatNgram' | 'constraints'>>, bounds: (sourceTokens: number, index: number) => LengthBounds) {
      const read = texts.map((text) => rules.prefix + text);
      const sources = read.map((text) => tokenizer.encode(text));
      const outputs = await thread.decode(sources, { ...rules, ...settings, bounds: sources.map((source, index) => bounds(source.length, index)) });
      return outputs.map((tokens, index) => outputText(tokens, read[index]!));
    },
    dispose: () => thread.close(),
  };
}

/**
 * The most tokens a translation may hold, its end token counted: as many as the decoder's positions, and no more than
 * the config's `max_length` allows (it counts the start token).
 */
export function translationLimit(rules: Pick<DecodingRules, 'maxLength' | 'outputLength'>): number {
  return Math.min(rules.maxLength, (rules.outputLength ?? Infinity) - 1);
}

/**
 * How long the translation of a source of `sourceTokens` tokens (its end token included) may be: room for
 * translations longer than their source, and a little for very short ones; never past the model's limit. As in
 * Transformers.js with `max_new_tokens`, the end token is one of those tokens.
 */
export function translationBounds(settings: TranslationSettings, sourceTokens: number, limit: number, least = 0): LengthBounds {
  const most = Math.min(limit, Math.ceil(sourceTokens * settings.lengthRatio) + 4) - 1;
  return { least: Math.min(least, most), most };
}
