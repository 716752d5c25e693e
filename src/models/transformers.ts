/**
 * The one place bitext talks to Transformers.js. Loaded lazily, so `--help`, `validate` and config errors never load
 * onnxruntime. The library's vocabulary (`max_new_tokens`, `num_beams`, snake_case) stays in this file.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ModelError } from '../errors.js';
import { missingFiles, modelFolder, seq2seqFiles, type Dtype } from './files.js';
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

/** Loads a Marian (or other seq2seq) translation model and its tokenizer from the models folder. */
export async function loadTranslator(directory: string, request: ModelRequest, threads?: number) {
  const loaded = await loadSeq2Seq(directory, request, 'translate', threads);
  const translator: Translator = {
    label: loaded.label,
    identity: loaded.identity,
    maxInputTokens: loaded.maxInputTokens,
    countTokens: loaded.countTokens,
    translate: (texts, settings: TranslationSettings, lengths?: readonly number[]) =>
      loaded.generate(texts, (longest) => ({
        ...generationOptions(settings, longest, loaded.limit),
        ...(lengths ? { max_new_tokens: Math.max(...lengths) + 1, logits_processor: [forceLengths(lengths, settings.beams, loaded.endIds)] } : {}),
      })),
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
      loaded.generate(texts, () => ({ num_beams: settings.beams, num_return_sequences: 1, max_length: settings.maxTokens })),
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
    // threads that compete with those.
    session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
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
  const configured = (model as { generation_config?: { eos_token_id?: number | number[] } }).generation_config?.eos_token_id
    ?? (model.config as { eos_token_id?: number | number[] }).eos_token_id;
  const endIds = new Set([configured ?? []].flat());

  const files = await Promise.all(seq2seqFiles(request.dtype as Dtype).map(async (file) => {
    const info = await stat(path.join(folder, file));
    return `${file}:${info.size}:${info.mtimeMs}`;
  }));
  return {
    label: `${request.model} (${request.dtype})`,
    identity: [`${request.model} (${request.dtype})`, ...files].join('\n'),
    limit,
    endIds,
    // Leave room for the end-of-sequence token the tokenizer appends.
    maxInputTokens: limit - 1,
    async countTokens(texts: readonly string[]) {
      return texts.map((text) => tokenizer.encode(text).length);
    },
    /** Generates for a batch; `settings` gets the longest input's token count and returns the library's options. */
    async generate(texts: readonly string[], settings: (longest: number) => Record<string, unknown>): Promise<string[]> {
      if (!texts.length) return [];
      const inputs = tokenizer([...texts], { padding: true, truncation: false });
      const longest = Math.max(...(inputs.attention_mask.tolist() as number[][]).map((row) => row.reduce((sum, bit) => sum + Number(bit), 0)));
      const output = await model.generate({ ...inputs, ...settings(longest) } as Parameters<typeof model.generate>[0]);
      const decoded = tokenizer.batch_decode(untilEnd(output as { tolist(): unknown }, endIds), { skip_special_tokens: true });
      if (decoded.length !== texts.length) {
        throw new Error(`Expected ${texts.length} outputs from the model, got ${decoded.length}`);
      }
      return decoded.map((text) => text.trim());
    },
    dispose: async () => void (await model.dispose()),
  };
}

/** bitext's decoding settings in Transformers.js's words, for a batch whose longest source has `sourceTokens` tokens. */
export function generationOptions(settings: TranslationSettings, sourceTokens: number, limit: number) {
  return {
    num_beams: settings.beams,
    num_return_sequences: 1,
    // Room for translations longer than their source, and a little for very short ones; never past the model's limit.
    max_new_tokens: Math.min(limit, Math.ceil(sourceTokens * settings.lengthRatio) + 4),
    repetition_penalty: settings.repetitionPenalty,
    no_repeat_ngram_size: settings.noRepeatNgram,
  };
}

/**
 * A logits processor that makes row `i` of a batch (`beams` rows per input) end after exactly `lengths[i]` tokens:
 * no end token before, nothing but the end token then.
 */
export function forceLengths(lengths: readonly number[], beams: number, endIds: ReadonlySet<number>) {
  return (ids: bigint[][], logits: { [row: number]: { data: Float32Array } }) => {
    ids.forEach((row, index) => {
      const scores = logits[index]!.data;
      // The first id of a decoder row is its start token.
      if (row.length - 1 < lengths[Math.floor(index / beams)]!) {
        for (const end of endIds) scores[end] = -Infinity;
      } else {
        for (let token = 0; token < scores.length; token++) if (!endIds.has(token)) scores[token] = -Infinity;
      }
    });
    return logits;
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
