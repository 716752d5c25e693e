import { describe, expect, it } from 'vitest';
import { parseBlocks } from '../../src/text/blocks.js';

describe('parseBlocks', () => {
  it('reads one paragraph per line, with `##` separators and short headings', () => {
    const { blocks } = parseBlocks('Premier paragraphe complet.\n##\nUne section\nDeuxième paragraphe.\n##\nFin de texte.');
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'Premier paragraphe complet.' },
      { kind: 'heading', text: 'Une section' },
      { kind: 'paragraph', text: 'Deuxième paragraphe.' },
      { kind: 'paragraph', text: 'Fin de texte.' },
    ]);
  });

  it('reads a short quote in Chinese, Arabic or Hindi ending its sentence as a paragraph, not a heading', () => {
    const { blocks } = parseBlocks('T\n-\n\nLe président a parlé hier.\n\n我们欢迎所有国家的合作伙伴参加这次会议，并希望取得成功。\n\nهل ستحضر الاجتماع غدا؟\n\nमैं कल आऊँगा।\n\n「会議は明日です。」\n\nLe ministre est rentré.\n');
    expect(blocks.map((block) => block.kind)).toEqual(['title', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph']);
  });

  it('takes a line over a lone `-` as the title', () => {
    const { blocks } = parseBlocks('Face à l’ICE, des employés se mobilisent\n-\n\nAlors que tout change, rien ne bouge.\n');
    expect(blocks.map((block) => block.kind)).toEqual(['title', 'paragraph']);
    expect(blocks[0]!.text).toBe('Face à l’ICE, des employés se mobilisent');
  });

  it('keeps a leading `date 2018-06` as metadata, not text', () => {
    const { blocks, metadata } = parseBlocks(' date 2018-06 Microsoft est exposé aux foudres.\n\nLe monde de la tech est secoué.\n');
    expect(metadata.date).toBe('2018-06');
    expect(blocks[0]).toEqual({ kind: 'title', text: 'Microsoft est exposé aux foudres.' });
  });

  it('keeps a clipped ending and a trailer out of the body, noted in metadata', () => {
    const { blocks, metadata } = parseBlocks('Un paragraphe.\nUn autre.\n[…]\nSuite de l’article en accès libre : next.ink');
    expect(blocks.map((block) => block.text)).toEqual(['Un paragraphe.', 'Un autre.']);
    expect(metadata).toEqual({ clipped: true, trailer: 'Suite de l’article en accès libre : next.ink' });
  });

  it('drops runs of trailing blank lines', () => {
    expect(parseBlocks('Un paragraphe.\n\n\n\n   \n\n').blocks).toEqual([{ kind: 'paragraph', text: 'Un paragraphe.' }]);
  });

  it('joins a hard-wrapped line that goes on in lower case', () => {
    const { blocks } = parseBlocks('En ligne, messages\net lettres ouvertes se multiplient.\nDes dirigeants proches\nDe fait, ils parlent.');
    expect(blocks.map((block) => block.text)).toEqual([
      'En ligne, messages et lettres ouvertes se multiplient.',
      'Des dirigeants proches',
      'De fait, ils parlent.',
    ]);
  });

  it('keeps typographic apostrophes, guillemets and no-break spaces as written', () => {
    const text = 'L’équipe « vie privée » a répondu\u00a0: d’accord.';
    expect(parseBlocks(text).blocks[0]!.text).toBe(text);
  });

  it('reads CRLF line endings and Markdown headings', () => {
    const { blocks } = parseBlocks('# Le titre\r\n\r\nUn paragraphe.\r\n## Une section\r\nUn autre.\r\n');
    expect(blocks).toEqual([
      { kind: 'title', text: 'Le titre' },
      { kind: 'paragraph', text: 'Un paragraphe.' },
      { kind: 'heading', text: 'Une section' },
      { kind: 'paragraph', text: 'Un autre.' },
    ]);
  });

  it('keeps an elision mark inside a paragraph as text', () => {
    const text = 'Des règles cruelles. […] En tant que personnes, nous refusons.';
    expect(parseBlocks(`${text}\nFin.`).blocks[0]!.text).toBe(text);
  });
});
