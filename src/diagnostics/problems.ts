import type { z } from 'zod';
import { didYouMean } from '../text/suggest.js';
import type { Rule } from './diagnostic.js';

/** A schema problem in words a user can act on, before it gets a position. */
export interface Problem {
  /** Path of the offending value in the written config; for an unknown key, the path of the key itself. */
  path: (string | number)[];
  /** Point at the key rather than the value (unknown keys). */
  atKey: boolean;
  message: string;
  rule: Rule;
}

/** Where a schema applies: its owner in words ("stage `translate`"), its path and the keys it knows. */
export interface Scope {
  name: string;
  base: (string | number)[];
  keys: readonly string[];
}

/** Rewords zod issues: what was expected, what was found. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], scope: Scope): Problem[] {
  const { base, keys: known } = scope;
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))];
    const name = issue.path.length ? `\`${formatPath(issue.path)}\`` : scope.name;
    const found = 'input' in issue ? describeValue(issue.input) : 'nothing';
    switch (issue.code) {
      case 'unrecognized_keys': {
        for (const key of issue.keys) {
          problems.push({
            path: [...path, key],
            atKey: true,
            message: `Unknown ${base.length ? 'option' : 'key'} \`${key}\` for ${scope.name}${didYouMean(key, known)} (known: ${known.map((k) => `\`${k}\``).join(', ') || 'none'})`,
            rule: base.length ? 'config/unknown-option' : 'config/unknown-key',
          });
        }
        break;
      }
      case 'invalid_type':
        problems.push({
          path,
          atKey: false,
          message: issue.input === undefined
            ? `Missing ${name}: expected ${article(issue.expected)}`
            : `Expected ${name} to be ${article(issue.expected)}, got ${found}`,
          rule: issue.input === undefined ? 'config/missing-key' : 'config/invalid-type',
        });
        break;
      case 'invalid_value': {
        const values = issue.values.map((value) => `\`${String(value)}\``).join(', ');
        const hint = typeof issue.input === 'string' ? didYouMean(issue.input, issue.values.map(String)) : '';
        problems.push({ path, atKey: false, message: `Expected ${name} to be one of ${values}, got ${found}${hint}`, rule: 'config/invalid-value' });
        break;
      }
      case 'too_small':
      case 'too_big':
        problems.push({ path, atKey: false, message: `Expected ${name} to be ${bound(issue)}, got ${found}`, rule: 'config/invalid-value' });
        break;
      case 'invalid_union': {
        // When one branch matched the shape and failed deeper (a bad item in a list), that item is the problem.
        const deeper = issue.errors.find((branch) => branch.some((inner) => inner.path.length > 0));
        if (deeper) problems.push(...describeIssues(deeper.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })), scope));
        else problems.push({ path, atKey: false, message: `Expected ${name} to be ${issue.message}, got ${found}`, rule: 'config/invalid-type' });
        break;
      }
      case 'custom':
        problems.push({ path, atKey: false, message: `${name} is ${found}: ${issue.message}`, rule: 'config/invalid-value' });
        break;
      default:
        problems.push({ path, atKey: false, message: `${name}: ${issue.message}, got ${found}`, rule: 'config/invalid-value' });
    }
  }
  return problems;
}

/** `\`0\` (number)`, `\`"two"\` (string)`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null) return '`null` (nothing)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `\`${JSON.stringify(value)}\` (string)`;
  return `\`${String(value)}\` (${typeof value})`;
}

function article(expected: string): string {
  const words: Record<string, string> = {
    int: 'an integer',
    number: 'a number',
    string: 'a string',
    boolean: 'a boolean (`true` or `false`)',
    array: 'a list',
    object: 'a mapping',
  };
  return words[expected] ?? expected;
}

function bound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const inclusive = issue.inclusive !== false;
  const subject: Record<string, string> = { string: 'a string of', array: 'a list of' };
  const unit: Record<string, string> = { string: ' characters', array: ' items' };
  const prefix = subject[issue.origin] ? `${subject[issue.origin]} ` : 'a number ';
  const suffix = unit[issue.origin] ?? '';
  if (issue.code === 'too_small') {
    if (issue.origin === 'array' && limit === 1) return 'a list with at least one item';
    if (issue.origin === 'string' && limit === 1) return 'a non-empty string';
    return `${prefix}${inclusive ? 'at least' : 'more than'} ${String(limit)}${suffix}`;
  }
  return `${prefix}${inclusive ? 'at most' : 'less than'} ${String(limit)}${suffix}`;
}

/** `input[1]`, `translate.beams`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index ? '.' : ''}${String(key)}`)).join('');
}
