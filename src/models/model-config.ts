/**
 * What bitext reads of a model's `config.json` and `generation_config.json`, checked once for the loader and for
 * `models verify` alike: a model whose files name no usable end token, no length limit or token ids outside its
 * vocabulary, or that forbids its own end token, would decode forever (or to its length limit every time) or crash
 * onnxruntime mid-run, so it is turned away before any text is decoded.
 * The vocabulary of these files (`eos_token_id`, `max_position_embeddings`, snake_case) stays in this file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { BeamRules, ScoreRules } from './next-token.js';

/** The two config files a model's decoding rules come from. */
export type ConfigFile = 'config.json' | 'generation_config.json';

/** Something in a model's config files that stops bitext from running it. */
export interface ConfigProblem {
  file: ConfigFile;
  /** The key at fault, as written in the file. */
  key: string;
  /** What is wrong, naming the key, e.g. ``no usable end token: `eos_token_id` is missing``. */
  reason: string;
}

/** How a model decodes, as its config files set it; decoding settings may override the beam width and repetition guards. */
export interface DecodingRules extends ScoreRules, BeamRules {
  padId: number;
  startId: number;
  /** The fewest tokens before the end token. */
  least: number;
  beams: number;
  /** The longest sequence the decoder reads (`max_position_embeddings`): no output runs past it. */
  maxLength: number;
  /** The longest output the config asks for (`max_length`), its decoder start token counted; unset if it sets none. */
  outputLength?: number;
  /** Text put before every input (`prefix`), as Hugging Face's text-to-text pipelines do; empty if none. */
  prefix: string;
}

/** A task whose own settings (`task_specific_params`) a model's config may hold, applied over its generation config. */
export type ModelTask = 'summarization';

/** Either the model's rules or every problem found in its config files. */
export type ConfigCheck = { rules: DecodingRules; problems?: undefined } | { rules?: undefined; problems: ConfigProblem[] };

/** The model types whose ONNX exports bitext's decoding loop has been run on (Optimum's seq2seq layout). */
export const supportedModelTypes = ['marian', 'bart'] as const;

const tokenId = z.int().nonnegative();
/** Keys a generation config may set; `config.json` may set them too (the older place), `null` meaning unset. */
const generationFields = {
  eos_token_id: z.union([tokenId, z.array(tokenId)]).nullish(),
  decoder_start_token_id: tokenId.nullish(),
  pad_token_id: tokenId.nullish(),
  forced_bos_token_id: tokenId.nullish(),
  bad_words_ids: z.array(z.array(z.int())).nullish(),
  min_length: z.int().nonnegative().nullish(),
  num_beams: z.int().positive().nullish(),
  repetition_penalty: z.number().positive().nullish(),
  no_repeat_ngram_size: z.int().nonnegative().nullish(),
  length_penalty: z.number().nullish(),
  early_stopping: z.union([z.boolean(), z.literal('never')]).nullish(),
  renormalize_logits: z.boolean().nullish(),
  max_length: z.int().positive().nullish(),
};
const generationSchema = z.looseObject(generationFields);
const configSchema = z.looseObject({
  ...generationFields,
  model_type: z.string(),
  is_encoder_decoder: z.boolean().nullish(),
  vocab_size: z.int().positive(),
  decoder_vocab_size: z.int().positive().nullish(),
  max_position_embeddings: z.int().positive(),
  prefix: z.string().nullish(),
  // Read only for the task asked (see `taskSchema`): another task's settings never turn a model away.
  task_specific_params: z.record(z.string(), z.unknown()).nullish(),
});
/** A task's settings: generation keys, and a prefix of its own (T5's `summarize: `). */
const taskSchema = z.looseObject({ ...generationFields, prefix: z.string().nullish() });

/** What a key must hold, for messages. */
const expected: Record<string, string> = {
  model_type: supportedModelTypes.map((type) => `\`${type}\``).join(' or '),
  is_encoder_decoder: '`true`',
  vocab_size: 'a whole number from 1 up',
  decoder_vocab_size: 'a whole number from 1 up',
  max_position_embeddings: 'a whole number from 1 up (the longest sequence the model reads)',
  eos_token_id: 'a token id or a list of them',
  bad_words_ids: 'a list of lists of token ids',
  min_length: 'a whole number from 0 up',
  num_beams: 'a whole number from 1 up',
  repetition_penalty: 'a number above 0',
  no_repeat_ngram_size: 'a whole number from 0 up',
  length_penalty: 'a number',
  early_stopping: '`true`, `false` or `"never"`',
  renormalize_logits: '`true` or `false`',
  max_length: 'a whole number from 1 up',
  prefix: 'a text',
  task_specific_params: 'an object of settings for each task',
};

/**
 * Reads and checks the config files of the model in `folder`; a missing `generation_config.json` is no problem. For a
 * `task`, the config's settings for it, if any, come over the generation config, as Hugging Face's pipelines apply them.
 */
export async function readModelConfig(folder: string, task?: ModelTask): Promise<ConfigCheck> {
  const problems: ConfigProblem[] = [];
  const read = async (file: ConfigFile, optional: boolean): Promise<unknown> => {
    const text = await readFile(path.join(folder, file), 'utf8').catch(() => undefined);
    if (text === undefined) {
      if (!optional) problems.push({ file, key: '', reason: 'cannot be read' });
      return {};
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      problems.push({ file, key: '', reason: `not valid JSON (${(error as Error).message})` });
      return {};
    }
  };
  const [config, generation] = [await read('config.json', false), await read('generation_config.json', true)];
  return problems.length ? { problems } : checkModelConfig(config, generation, task);
}

/**
 * Checks a model's parsed `config.json` and `generation_config.json` and reads its decoding rules as Transformers.js
 * does (the generation config over the config): start, padding and end tokens, single-token bad words, a forced first
 * token, a least length (`min_length` counts the start token), beam width, repetition guards, how beam search ranks,
 * renormalizes and stops, the length limits and the input's prefix. A `task`'s settings in the config come first.
 */
export function checkModelConfig(config: unknown, generation: unknown = {}, task?: ModelTask): ConfigCheck {
  const problems: ConfigProblem[] = [];
  const parsedConfig = configSchema.safeParse(config);
  const parsedGeneration = generationSchema.safeParse(generation);
  for (const [file, parsed, raw] of [['config.json', parsedConfig, config], ['generation_config.json', parsedGeneration, generation]] as const) {
    if (parsed.success) continue;
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ file, key, reason: wrongValue(key, key ? (raw as Record<string, unknown>)[key] : raw) });
    }
  }
  const settings = parsedConfig.data;
  const taskParsed = taskSchema.safeParse((task && settings?.task_specific_params?.[task]) ?? {});
  if (!taskParsed.success) {
    const key = String(taskParsed.error.issues[0]?.path[0] ?? '');
    const reason = wrongValue(key, key ? ((settings!.task_specific_params![task!] ?? {}) as Record<string, unknown>)[key] : settings!.task_specific_params![task!]);
    problems.push({ file: 'config.json', key: 'task_specific_params', reason: `in \`task_specific_params.${task}\`, ${reason}` });
  }
  if (settings && !(supportedModelTypes as readonly string[]).includes(settings.model_type)) {
    problems.push({ file: 'config.json', key: 'model_type', reason: `\`model_type\` is \`${settings.model_type}\`; bitext runs only encoder-decoder models of type ${expected.model_type}` });
  }
  if (settings?.is_encoder_decoder === false) {
    problems.push({ file: 'config.json', key: 'is_encoder_decoder', reason: '`is_encoder_decoder` is `false`; bitext runs only encoder-decoder models' });
  }
  if (!settings || !parsedGeneration.success || !taskParsed.success) return { problems };

  // As Transformers.js merges them (`Object.assign`): a key the generation config holds, even as `null`, wins; a
  // task's own settings win over both, as Hugging Face's pipelines update the generation config with them.
  const overrides = parsedGeneration.data;
  const taskSettings = taskParsed.data;
  const pick = <Key extends keyof typeof generationFields>(key: Key) => {
    const fromTask = Object.hasOwn(taskSettings, key);
    const fromGeneration = !fromTask && Object.hasOwn(overrides, key);
    const value = (fromTask ? taskSettings[key] : fromGeneration ? overrides[key] : settings[key]) ?? undefined;
    return { value: value as NonNullable<typeof value> | undefined, file: (fromGeneration ? 'generation_config.json' : 'config.json') as ConfigFile };
  };
  const vocabularyKey = settings.decoder_vocab_size != null && settings.decoder_vocab_size < settings.vocab_size ? 'decoder_vocab_size' : 'vocab_size';
  const vocabulary = settings[vocabularyKey]!;
  const outside = (id: number) => `${id}, outside the vocabulary (\`${vocabularyKey}\` is ${vocabulary})`;

  const end = pick('eos_token_id');
  const endIds = [end.value ?? []].flat();
  const unusable = endIds.find((id) => id >= vocabulary);
  if (end.value === undefined) {
    const reason = end.file === 'config.json' ? 'is missing (and generation_config.json sets none)' : 'is `null`';
    problems.push({ file: end.file, key: 'eos_token_id', reason: `no usable end token: \`eos_token_id\` ${reason}` });
  } else if (!endIds.length) {
    problems.push({ file: end.file, key: 'eos_token_id', reason: 'no usable end token: `eos_token_id` is an empty list' });
  } else if (unusable !== undefined) {
    problems.push({ file: end.file, key: 'eos_token_id', reason: `no usable end token: \`eos_token_id\` is ${outside(unusable)}` });
  }
  // A bad word of one token is never generated: when it is every end token, no output can ever end.
  const badWords = pick('bad_words_ids');
  const banned = (badWords.value ?? []).filter((words) => words.length === 1).map((words) => words[0]!);
  if (endIds.length && unusable === undefined && endIds.every((id) => banned.includes(id))) {
    const ends = endIds.length === 1 ? `the end token (\`eos_token_id\` is ${endIds[0]})` : `every end token (\`eos_token_id\` is ${JSON.stringify(endIds)})`;
    problems.push({ file: badWords.file, key: 'bad_words_ids', reason: `no usable end token: \`bad_words_ids\` forbids ${ends}, so no output could end` });
  }
  const pad = pick('pad_token_id');
  const start = pick('decoder_start_token_id');
  const forced = pick('forced_bos_token_id');
  for (const [key, { value, file }] of [['pad_token_id', pad], ['decoder_start_token_id', start], ['forced_bos_token_id', forced]] as const) {
    if (value !== undefined && value >= vocabulary) problems.push({ file, key, reason: `\`${key}\` is ${outside(value)}` });
  }
  if (problems.length) return { problems };

  const padId = pad.value ?? 0;
  return {
    rules: {
      endIds: new Set(endIds),
      padId,
      startId: start.value ?? padId,
      banned,
      ...(forced.value === undefined ? {} : { forcedFirst: forced.value }),
      least: Math.max(0, (pick('min_length').value ?? 0) - 1),
      beams: pick('num_beams').value ?? 1,
      repetitionPenalty: pick('repetition_penalty').value ?? 1,
      noRepeatNgram: pick('no_repeat_ngram_size').value ?? 0,
      lengthPenalty: pick('length_penalty').value ?? 1,
      earlyStopping: pick('early_stopping').value === true,
      renormalize: pick('renormalize_logits').value === true,
      maxLength: settings.max_position_embeddings,
      ...(pick('max_length').value === undefined ? {} : { outputLength: pick('max_length').value }),
      prefix: (Object.hasOwn(taskSettings, 'prefix') ? taskSettings.prefix : settings.prefix) ?? '',
    },
  };
}

/** The reason a key's value was refused. */
function wrongValue(key: string, value: unknown): string {
  if (!key) return `holds ${shown(value)}; expected a JSON object`;
  const wanted = expected[key] ?? 'a token id (a whole number from 0 up)';
  return value === undefined ? `\`${key}\` is missing; expected ${wanted}` : `\`${key}\` is ${shown(value)}; expected ${wanted}`;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return `\`${text.length > 40 ? `${text.slice(0, 40)}…` : text}\``;
}
