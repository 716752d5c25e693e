import { z } from 'zod';
import { defaultSource } from '../models/files.js';

/** The top level of `pipeline.yaml`, as a user writes it. `stages` entries are checked one by one against the registry. */
export const configSchema = z.strictObject({
  /** Files or folders of articles (`.txt`, `.md`), relative to the config file. */
  input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
    error: 'a path or a list of paths',
  }).default('input'),
  /** Folder the Markdown files are written to, relative to the config file. */
  output: z.string().min(1).default('output'),
  /** Folder holding models in the `<owner>/<name>/` layout, relative to the config file. */
  models: z.string().min(1).default('models'),
  /** Folder where translations are kept by content, so re-runs and repeated sentences cost nothing; `false`: none. */
  cache: z.union([z.string().min(1), z.literal(false)], { error: 'a folder, or `false`' }).default('.bitext-cache'),
  /** Articles processed at once; `auto`: four per core (the models run one batch at a time on every core). */
  concurrency: z.union([z.int().min(1).max(64), z.literal('auto')], {
    error: 'an integer from 1 to 64, or `auto`',
  }).default('auto'),
  /** `false`: a run first fetches the models it lacks from `source`, once. `true`: a run never opens a connection. */
  offline: z.boolean().default(false),
  /** Where models are fetched from: the Hub, or a mirror with its layout `URL/<owner>/<name>/resolve/main/<file>`. */
  source: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).default(defaultSource),
  /** A glossary (TSV or YAML) whose terms every translation must render as it says; relative to the config file. */
  glossary: z.string().min(1).optional(),
  stages: z.array(z.unknown()).min(1),
});

export type WrittenConfig = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;

export const topLevelKeys = Object.keys(configSchema.shape);
