import { temporaryFolder } from './temporary.js';
import { writeBartTiny, writeMarianTiny } from '../../scripts/test-models/models.js';

let generated: Promise<string> | undefined;

/** Generates the tiny test models once per test file, in a temporary models folder; resolves to that folder. */
export function testModels(): Promise<string> {
  generated ??= (async () => {
    const directory = temporaryFolder('bitext-models');
    await writeMarianTiny(directory);
    await writeBartTiny(directory);
    return directory;
  })();
  return generated;
}
