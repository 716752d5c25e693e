/** A member of a JSON object as it is written, for what `JSON.parse` cannot keep (an integer past 2^53). */

const space = /\s/u;

/**
 * The text of the last member named `key` at the top level of a JSON object (`JSON.parse` keeps the last too), as
 * written: `12345678901234567890`, not `12345678901234567000`. `json` must be a valid JSON object.
 */
export function memberText(json: string, key: string): string | undefined {
  let at = json.indexOf('{') + 1;
  let found: string | undefined;
  const skipSpace = () => {
    while (at < json.length && space.test(json[at]!)) at++;
  };
  while (at < json.length) {
    skipSpace();
    if (json[at] !== '"') break;
    const name = JSON.parse(json.slice(at, (at = endOfString(json, at)))) as string;
    skipSpace();
    at++; // the colon
    skipSpace();
    const start = at;
    at = endOfValue(json, at);
    if (name === key) found = json.slice(start, at).trimEnd();
    skipSpace();
    at++; // a comma, or the closing brace
  }
  return found;
}

// Where the string that opens at `start` ends, past its closing quote.
function endOfString(json: string, start: number): number {
  let at = start + 1;
  while (at < json.length && json[at] !== '"') at += json[at] === '\\' ? 2 : 1;
  return at + 1;
}

// Where the value that starts at `start` ends: past a string, an object or an array, or at the `,` or `}` after a
// number, `true`, `false` or `null`.
function endOfValue(json: string, start: number): number {
  if (json[start] === '"') return endOfString(json, start);
  if (json[start] !== '{' && json[start] !== '[') {
    let at = start;
    while (at < json.length && json[at] !== ',' && json[at] !== '}') at++;
    return at;
  }
  let depth = 0;
  let at = start;
  do {
    const char = json[at]!;
    if (char === '"') {
      at = endOfString(json, at);
      continue;
    }
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
    at++;
  } while (depth > 0 && at < json.length);
  return at;
}
