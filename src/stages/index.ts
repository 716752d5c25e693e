import type { StageDefinition } from './stage.js';
import read from './read.js';
import detectLanguage from './detect-language.js';
import translate from './translate.js';
import summarize from './summarize.js';
import writeMarkdown from './write-markdown.js';

/** Every stage a pipeline can use, one line each, in their usual order. */
const definitions: StageDefinition[] = [
  read,
  detectLanguage,
  translate,
  summarize,
  writeMarkdown,
];

export const registry = new Map(definitions.map((definition) => [definition.name, definition]));
export const stageNames = definitions.map((definition) => definition.name);
