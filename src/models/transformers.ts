/**
 * The one place bitext talks to Transformers.js. Loaded lazily, so `--help`, `validate` and config errors never load
 * onnxruntime. The library's vocabulary (`max_new_tokens`, `num_beams`, snake_case) stays in this file.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ModelError } from '../errors.js';
import { missingFiles, modelFolder, seq2seqFiles, type Dtype } from './files.js';
import { decode, type Seq2SeqSessions, type Session } from './decoding.js';
import type { LengthBounds } from './next-token.js';
import type { ModelRequest, Summarizer, SummarySettings, TranslationSettings, Translator } from './provider.js';
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
 * Loads a Marian (or other seq2seq) translation model and its tokenizer from the models folder. Translation runs
 * bitext's own decoding loop (`decoding.ts`), which drops each row from the batch the step it ends.
 */
export async function loadTranslator(directory: string, request: ModelRequest, threads?: number) {
  const loaded = await loadSeq2Seq(directory, request, 'translate', threads);
  const translator: Translator = {
    label: loaded.label,
    identity: loaded.identity,
    maxInputTokens: loaded.maxInputTokens,
    countTokens: loaded.countTokens,
    async translate(texts, settings: TranslationSettings, lengths?: readonly number[]) {
      const sources = texts.map((text) => loaded.encode(text));
      const bounds = sources.map((source, index) => {
        const forced = lengths?.[index];
        return forced === undefined ? translationBounds(settings, source.length, loaded.limit, loaded.rules.least) : { least: forced, most: forced };
      });
      const { beams, repetitionPenalty, noRepeatNgram } = settings;
      return loaded.decodeTokens(await decode(loaded.sessions, sources, { ...loaded.rules, beams, repetitionPenalty, noRepeatNgram, bounds }));
    },
  };
  return { model: translator, dispose: loaded.dispose };
}

/** Loads a BART (or other seq2seq) summarization model; its generation config gives the lengths the settings leave out. */
export async function loadSummarizer(directory: string, request: ModelRequest, threads?: number) {
  const loaded = await loadSeq2Seq(directory, request, 'summarize', threads);
  const summarizer: Summarizer = {
    label: loaded.label,
    maxInputTokens: loaded.maxInputTokens,
    countTokens: loaded.countTokens,
    summarize: (texts, settings: SummarySettings) =>
      loaded.generate(texts, { num_beams: settings.beams, num_return_sequences: 1, max_length: settings.maxTokens }),
  };
  return { model: summarizer, dispose: loaded.dispose };
}

/** A seq2seq model and its tokenizer, loaded for `stage`; `generate` gives one decoded text per input, in order. */
async function loadSeq2Seq(directory: string, request: ModelRequest, stage: string, threads = availableParallelism()) {
  const folder = modelFolder(directory, request.model);
  const missing = await missingFiles(folder, seq2seqFiles(request.dtype as Dtype));
  if (missing.length) {
    throw new ModelError(
      `Model \`${request.model}\` (${request.dtype}) is not installed: ${folder} lacks ${missing.join(', ')}. ` +
        `On a connected machine, run \`bitext models pull ${request.model} --dtype ${request.dtype}\` (or copy the folder from one; ` +
        `README, "Getting models"), or ${stage === 'translate' ? 'remove the `translate` stage from the config for monolingual output' : `set the \`${stage}\` stage to a method that needs no model`}.`,
    );
  }
  const transformers = await importLibrary(directory);
  const options = {
    local_files_only: true,
    dtype: request.dtype as Dtype,
    device: 'cpu' as const,
    // One batch runs at a time (see SentenceBatcher), so it may have every core; inter-op parallelism only adds
    // threads that compete with those. Idle threads must not spin: between decoding steps the main thread chooses
    // tokens, and spinning threads took its core (806 against 583 tokens/s on two cores, `npm run bench`).
    session_options: { intraOpNumThreads: threads, interOpNumThreads: 1, extra: { session: { intra_op: { allow_spinning: '0' } } } },
  };
  let tokenizer: Awaited<ReturnType<Library['AutoTokenizer']['from_pretrained']>>;
  let model: Awaited<ReturnType<Library['AutoModelForSeq2SeqLM']['from_pretrained']>>;
  try {
    tokenizer = await transformers.AutoTokenizer.from_pretrained(request.model, { local_files_only: true });
    model = await transformers.AutoModelForSeq2SeqLM.from_pretrained(request.model, options);
  } catch (error) {
    // Name the damaged file when the check of `models verify` finds it; the library's message often does not.
    const { corrupt } = await verifyModel(directory, { model: request.model, dtype: request.dtype as Dtype, files: seq2seqFiles(request.dtype as Dtype), stages: [] }).catch(() => ({ corrupt: [] }));
    const damaged = corrupt.length ? ` Damaged: ${corrupt.map((problem) => `${problem.file} (${problem.reason})`).join('; ')}.` : ' A file may be truncated or corrupt.';
    throw new ModelError(
      `Model \`${request.model}\` (${request.dtype}) in ${folder} could not be loaded: ${(error as Error).message.replace(/\.+$/, '')}.${damaged} ` +
        `Run \`bitext models pull ${request.model} --dtype ${request.dtype}\` on a connected machine, or copy the model folder again.`,
      { cause: error },
    );
  }
  const limit = (model.config as { max_position_embeddings?: number }).max_position_embeddings ?? 512;
  const rules = decodingRules(model.config as GenerationConfig, (model as { generation_config?: GenerationConfig }).generation_config ?? {});
  /** Generated token ids back to text. */
  const decodeTokens = (outputs: number[][]) => tokenizer.batch_decode(outputs, { skip_special_tokens: true }).map((text) => text.trim());
  const { Tensor } = await import('onnxruntime-node');
  const sessions = (model as unknown as { sessions: Record<string, Session> }).sessions;
  const encoder = sessions['model'];
  const decoder = sessions['decoder_model_merged'];
  if (!encoder || !decoder) throw new ModelError(`Model \`${request.model}\` lacks an encoder and a merged decoder session; bitext reads seq2seq models in the Optimum layout.`);

  const files = await Promise.all(seq2seqFiles(request.dtype as Dtype).map(async (file) => {
    const info = await stat(path.join(folder, file));
    return `${file}:${info.size}:${info.mtimeMs}`;
  }));
  return {
    label: `${request.model} (${request.dtype})`,
    identity: [`${request.model} (${request.dtype})`, ...files].join('\n'),
    limit,
    // Leave room for the end-of-sequence token the tokenizer appends.
    maxInputTokens: limit - 1,
    rules,
    sessions: { encoder, decoder, tensor: (type, data, dims) => new Tensor(type, data as never, dims) } satisfies Seq2SeqSessions,
    /** A text's token ids, the end token appended. */
    encode: (text: string) => tokenizer.encode(text),
    decodeTokens,
    async countTokens(texts: readonly string[]) {
      return texts.map((text) => tokenizer.encode(text).length);
    },
    /** Generates for a batch with Transformers.js's `generate()` and `options` in its words (the summarizer's way). */
    async generate(texts: readonly string[], options: Record<string, unknown>): Promise<string[]> {
      if (!texts.length) return [];
      const inputs = tokenizer([...texts], { padding: true, truncation: false });
      const output = await model.generate({ ...inputs, ...options } as Parameters<typeof model.generate>[0]);
      const decoded = decodeTokens(untilEnd(output as { tolist(): unknown }, rules.endIds));
      if (decoded.length !== texts.length) {
        throw new Error(`Expected ${texts.length} outputs from the model, got ${decoded.length}`);
      }
      return decoded;
    },
    dispose: async () => void (await model.dispose()),
  };
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

interface GenerationConfig {
  eos_token_id?: number | number[];
  decoder_start_token_id?: number;
  pad_token_id?: number;
  bad_words_ids?: number[][];
  forced_bos_token_id?: number | null;
  min_length?: number;
}

/**
 * The token rules a model's config sets for generation, as Transformers.js reads them (its generation config over
 * its config): start, padding and end tokens, single-token bad words, a forced first token, a least length (its
 * `min_length` counts the start token).
 */
export function decodingRules(config: GenerationConfig, generation: GenerationConfig) {
  const merged = { ...config, ...generation };
  const padId = merged.pad_token_id ?? 0;
  return {
    endIds: new Set([merged.eos_token_id ?? []].flat()),
    padId,
    startId: merged.decoder_start_token_id ?? padId,
    banned: (merged.bad_words_ids ?? []).filter((words) => words.length === 1).map((words) => words[0]!),
    ...(merged.forced_bos_token_id == null ? {} : { forcedFirst: merged.forced_bos_token_id }),
    least: Math.max(0, (merged.min_length ?? 0) - 1),
  };
}

/**
 * Each generated row up to its first end-of-sequence token. Transformers.js keeps generating for rows of a batch
 * that have already ended while longer rows go on, and what it appends after the end (unknown tokens once a
 * repetition guard forbids more end tokens) would otherwise be decoded into the translation.
 */
export function untilEnd(output: { tolist(): unknown }, endIds: ReadonlySet<number>): number[][] {
  return (output.tolist() as (number | bigint)[][]).map((row) => {
    const ids = row.map(Number);
    // Position 0 holds the decoder start token, which may share its id with the end token.
    const end = ids.findIndex((id, index) => index > 0 && endIds.has(id));
    return end < 0 ? ids : ids.slice(0, end);
  });
}
