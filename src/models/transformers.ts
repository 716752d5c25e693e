/**
 * The one place bitext talks to Transformers.js. Loaded lazily, so `--help`, `validate` and config errors never load
 * onnxruntime. The library's vocabulary (`max_new_tokens`, `num_beams`, snake_case) stays in this file.
 */
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ModelError } from '../errors.js';
import { missingFiles, modelFolder, seq2seqFiles, type Dtype } from './files.js';
import { DecoderThread } from './decoder-client.js';
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
 * Loads a Marian (or other seq2seq) translation model: its tokenizer here, its sessions in a decoding thread that
 * runs bitext's own loop (`decoding.ts`), which drops each row from the batch once it ends.
 */
export async function loadTranslator(directory: string, request: ModelRequest, threads = availableParallelism()) {
  const files = seq2seqFiles(request.dtype as Dtype);
  const model = await openModel(directory, request, 'translate', async (folder, transformers) => {
    const tokenizer = await transformers.AutoTokenizer.from_pretrained(request.model, { local_files_only: true });
    const readJson = async (file: string) => JSON.parse(await readFile(path.join(folder, file), 'utf8').catch(() => '{}')) as ModelConfig;
    const [config, generation] = await Promise.all([readJson('config.json'), readJson('generation_config.json')]);
    const thread = await DecoderThread.start({ encoder: path.join(folder, files[3]!), decoder: path.join(folder, files[4]!), threads });
    return { tokenizer, config, generation, thread };
  });
  const { tokenizer, config, generation, thread } = model.loaded;
  const rules = decodingRules(config, generation);
  const translator: Translator = {
    ...model.describe(config),
    countTokens: async (texts) => texts.map((text) => tokenizer.encode(text).length),
    async translate(texts, settings: TranslationSettings, lengths?: readonly number[]) {
      const sources = texts.map((text) => tokenizer.encode(text));
      const bounds = sources.map((source, index) => {
        const forced = lengths?.[index];
        return forced === undefined ? translationBounds(settings, source.length, limitOf(config), rules.least) : { least: forced, most: forced };
      });
      const { beams, repetitionPenalty, noRepeatNgram } = settings;
      const outputs = await thread.decode(sources, { ...rules, beams, repetitionPenalty, noRepeatNgram, bounds });
      return decodeTokens(tokenizer, outputs);
    },
  };
  return { model: translator, dispose: () => thread.close() };
}

/**
 * Loads a BART (or other seq2seq) summarization model, run by Transformers.js's `generate()`; its generation config
 * gives the lengths the settings leave out.
 */
export async function loadSummarizer(directory: string, request: ModelRequest, threads = availableParallelism()) {
  const model = await openModel(directory, request, 'summarize', async (_, transformers) => {
    const tokenizer = await transformers.AutoTokenizer.from_pretrained(request.model, { local_files_only: true });
    const seq2seq = await transformers.AutoModelForSeq2SeqLM.from_pretrained(request.model, {
      local_files_only: true,
      dtype: request.dtype as Dtype,
      device: 'cpu',
      // One summary runs at a time per article in flight; inter-op parallelism only adds threads that compete.
      session_options: { intraOpNumThreads: threads, interOpNumThreads: 1, extra: { session: { intra_op: { allow_spinning: '0' } } } },
    });
    return { tokenizer, seq2seq };
  });
  const { tokenizer, seq2seq } = model.loaded;
  const config = seq2seq.config as ModelConfig;
  const { endIds } = decodingRules(config, (seq2seq as { generation_config?: ModelConfig }).generation_config ?? {});
  const summarizer: Summarizer = {
    ...model.describe(config),
    countTokens: async (texts) => texts.map((text) => tokenizer.encode(text).length),
    async summarize(texts, settings: SummarySettings) {
      if (!texts.length) return [];
      const inputs = tokenizer([...texts], { padding: true, truncation: false });
      const options = { num_beams: settings.beams, num_return_sequences: 1, max_length: settings.maxTokens };
      const output = await seq2seq.generate({ ...inputs, ...options } as Parameters<typeof seq2seq.generate>[0]);
      const decoded = decodeTokens(tokenizer, untilEnd(output as { tolist(): unknown }, endIds));
      if (decoded.length !== texts.length) throw new Error(`Expected ${texts.length} outputs from the model, got ${decoded.length}`);
      return decoded;
    },
  };
  return { model: summarizer, dispose: async () => void (await seq2seq.dispose()) };
}

type Tokenizer = Awaited<ReturnType<Library['AutoTokenizer']['from_pretrained']>>;

/** Generated token ids back to text. */
function decodeTokens(tokenizer: Tokenizer, outputs: number[][]): string[] {
  return tokenizer.batch_decode(outputs, { skip_special_tokens: true }).map((text) => text.trim());
}

function limitOf(config: ModelConfig): number {
  return config.max_position_embeddings ?? 512;
}

/**
 * Opens a seq2seq model of the models folder for `stage`: checks its files are there, runs `load`, and turns a
 * failure into a message that names the damaged file and what to do. `describe` gives the model's label, identity
 * (a cache key part) and input limit.
 */
async function openModel<Loaded>(directory: string, request: ModelRequest, stage: string, load: (folder: string, transformers: Library) => Promise<Loaded>) {
  const dtype = request.dtype as Dtype;
  const folder = modelFolder(directory, request.model);
  const missing = await missingFiles(folder, seq2seqFiles(dtype));
  if (missing.length) {
    throw new ModelError(
      `Model \`${request.model}\` (${request.dtype}) is not installed: ${folder} lacks ${missing.join(', ')}. ` +
        `On a connected machine, run \`bitext models pull ${request.model} --dtype ${request.dtype}\` (or copy the folder from one; ` +
        `README, "Getting models"), or ${stage === 'translate' ? 'remove the `translate` stage from the config for monolingual output' : `set the \`${stage}\` stage to a method that needs no model`}.`,
    );
  }
  let loaded: Loaded;
  try {
    loaded = await load(folder, await importLibrary(directory));
  } catch (error) {
    // Name the damaged file when the check of `models verify` finds it; the library's message often does not.
    const { corrupt } = await verifyModel(directory, { model: request.model, dtype, files: seq2seqFiles(dtype), stages: [] }).catch(() => ({ corrupt: [] }));
    const damaged = corrupt.length ? ` Damaged: ${corrupt.map((problem) => `${problem.file} (${problem.reason})`).join('; ')}.` : ' A file may be truncated or corrupt.';
    throw new ModelError(
      `Model \`${request.model}\` (${request.dtype}) in ${folder} could not be loaded: ${(error as Error).message.replace(/\.+$/, '')}.${damaged} ` +
        `Run \`bitext models pull ${request.model} --dtype ${request.dtype}\` on a connected machine, or copy the model folder again.`,
      { cause: error },
    );
  }
  const files = await Promise.all(seq2seqFiles(dtype).map(async (file) => {
    const info = await stat(path.join(folder, file));
    return `${file}:${info.size}:${info.mtimeMs}`;
  }));
  const label = `${request.model} (${request.dtype})`;
  return {
    loaded,
    describe: (config: ModelConfig) => ({
      label,
      identity: [label, ...files].join('\n'),
      // Leave room for the end-of-sequence token the tokenizer appends.
      maxInputTokens: limitOf(config) - 1,
    }),
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

/** What bitext reads of a model's `config.json` and `generation_config.json`. */
interface ModelConfig {
  max_position_embeddings?: number;
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
export function decodingRules(config: ModelConfig, generation: ModelConfig) {
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
