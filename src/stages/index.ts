import type { z } from 'zod';
import read from './read.js';
import detectLanguage from './detect-language.js';
import translate from './translate.js';
import check from './check.js';
import summarize from './summarize.js';
import writeMarkdown from './write-markdown.js';
import writeHtml from './write-html.js';
import writeBitext from './write-bitext.js';

/** Every stage a pipeline can use, one line each, in their usual order. Only `src/pipeline/` reads this list. */
export const definitions = [
  read,
  detectLanguage,
  translate,
  check,
  summarize,
  writeMarkdown,
  writeHtml,
  writeBitext,
] as const;

type Definition = (typeof definitions)[number];

/** A stage's name, as written in `pipeline.yaml`. */
export type StageName = Definition['name'];

/** Each stage's options once checked, every default filled in. */
export type StageOptions = { [D in Definition as D['name']]: z.output<D['options']> };

/** One configured stage: its name and its checked options. */
export type StageConfig = { [N in StageName]: { name: N; options: StageOptions[N] } }[StageName];
