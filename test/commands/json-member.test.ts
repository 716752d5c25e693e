import { describe, expect, it } from 'vitest';
import { memberText } from '../../src/commands/json-member.js';

describe('memberText', () => {
  it.each([
    ['an integer past 2^53', '{"id":12345678901234567890,"text":"x"}', '12345678901234567890'],
    ['spaces around', '{ "text" : "a, b}" , "id" :  -1.50e+3 }', '-1.50e+3'],
    ['after nested values holding the key', '{"meta":{"id":1,"list":[{"id":2}]},"s":"\\"id\\": 3","id":4}', '4'],
    ['the last of two, as JSON.parse keeps', '{"id":1,"id":2}', '2'],
    ['a key written with an escape', '{"\\u0069d":9007199254740993}', '9007199254740993'],
    ['a string', '{"id":"a\\"b"}', '"a\\"b"'],
    ['an object', '{"id":{"x":[1,{"y":"}"}]}}', '{"x":[1,{"y":"}"}]}'],
    ['the last member', '{"id":true}', 'true'],
    ['none', '{"text":"id"}', undefined],
    ['an empty object', '{}', undefined],
  ])('%s', (_, json, expected) => {
    expect(memberText(json, 'id')).toBe(expected);
  });
});
