import { describe, expect, it } from 'vitest';
import { keepingCode, splitAtCode } from '../../src/translation/keep-code.js';
import type { SentenceTranslator } from '../../src/translation/translate-sentences.js';

/** A translator that writes each piece in capitals, and keeps what it was sent. */
function capitals(sent: string[][] = []): SentenceTranslator {
  return async (sentences, done) => {
    sent.push([...sentences]);
    return sentences.map((text, index) => {
      done?.(index);
      return { translation: text.toUpperCase(), segments: [{ source: text, translation: text.toUpperCase() }], empty: false, unknown: { restored: [], missing: 0 } };
    });
  };
}

describe('splitAtCode', () => {
  it.each([
    ['code inside', 'Lancez npm install puis redémarrez.', ['npm install'], [['Lancez ', true], ['npm install', false], [' puis redémarrez.', true]]],
    ['code at the end, then a full stop', 'Ouvrez le fichier config.yaml.', ['config.yaml'], [['Ouvrez le fichier ', true], ['config.yaml', false], ['.', false]]],
    ['only code', 'ls -la', ['ls -la'], [['ls -la', false]]],
    ['not inside a word', 'La taxe x est due.', ['x'], [['La taxe ', true], ['x', false], [' est due.', true]]],
    ['code the sentence does not hold', 'Rien ici.', ['x'], [['Rien ici.', true]]],
  ])('%s', (_, text, code, parts) => {
    expect(splitAtCode(text, code).map((part) => [part.text, part.translate])).toEqual(parts);
  });
});

describe('keepingCode', () => {
  it('sends no inline code to the model, and puts it back as written between the translations', async () => {
    const sent: string[][] = [];
    const translate = keepingCode(capitals(sent));
    const done: number[] = [];
    const results = await translate([
      { text: 'Lancez `npm install` puis redémarrez.'.replace(/`/g, ''), code: ['npm install'] },
      { text: 'Le chat dort.' },
      { text: 'ls -la', code: ['ls -la'] },
    ], (index) => done.push(index));
    expect(sent).toEqual([['Lancez', 'puis redémarrez.', 'Le chat dort.']]);
    expect(results.map((result) => result.translation)).toEqual(['LANCEZ npm install PUIS REDÉMARREZ.', 'LE CHAT DORT.', 'ls -la']);
    expect(results[0]!.segments).toEqual([
      { source: 'Lancez', translation: 'LANCEZ' },
      { source: 'npm install', translation: 'npm install' },
      { source: 'puis redémarrez.', translation: 'PUIS REDÉMARREZ.' },
    ]);
    expect(results.map((result) => result.cutToFit)).toEqual([undefined, undefined, undefined]);
    expect(done.sort()).toEqual([0, 1, 2]);
  });
});
