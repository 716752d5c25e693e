import { stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * A model id as the Hub writes it, `owner/name` (`Xenova/opus-mt-fr-en`). Neither part may be `.` or `..`: the id
 * becomes a folder under the models folder, and must stay under it.
 */
export const modelIdPattern = /^(?!\.{1,2}\/)[\w.-]+\/(?!\.{1,2}$)[\w.-]+$/;

/** Whether `text` is a model id `owner/name`. */
export function isModelId(text: string): boolean {
  return modelIdPattern.test(text);
}

/** The Hugging Face Hub; a mirror must use the same layout: `<base>/<owner>/<name>/resolve/main/<file>`. */
export const defaultSource = 'https://huggingface.co';

/** File-name suffixes Transformers.js uses for each dtype (`onnx/encoder_model_quantized.onnx` for `q8`). */
export const dtypeSuffixes = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
} as const;

export type Dtype = keyof typeof dtypeSuffixes;
/** Every dtype a model's weights may come in, as `--dtype` and the stages' `dtype` option accept them. */
export const dtypes = Object.keys(dtypeSuffixes) as Dtype[];

/** A sequence-to-sequence model's two ONNX files in the Optimum layout, for one dtype. */
export function seq2seqSessionFiles(dtype: Dtype): { encoder: string; decoder: string } {
  const suffix = dtypeSuffixes[dtype];
  return { encoder: `onnx/encoder_model${suffix}.onnx`, decoder: `onnx/decoder_model_merged${suffix}.onnx` };
}

/** The files a sequence-to-sequence model needs in the Transformers.js layout, for one dtype. */
export function seq2seqFiles(dtype: Dtype): string[] {
  const sessions = seq2seqSessionFiles(dtype);
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', sessions.encoder, sessions.decoder];
}

/** Files of `files` that are missing or empty under the model's folder. */
export async function missingFiles(folder: string, files: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const file of files) {
    const info = await stat(path.join(folder, file)).catch(() => undefined);
    if (!info?.isFile() || info.size === 0) missing.push(file);
  }
  return missing;
}

/** `models/<owner>/<name>` for a model id such as `Xenova/opus-mt-fr-en`. */
export function modelFolder(directory: string, model: string): string {
  return path.join(directory, ...model.split('/'));
}
