import { choiceFragment } from '../../src/models/choice-graph.js';
import { outline } from '../../src/models/onnx-outline.js';

/** A model's bytes with the choice (and the newest cache positions) appended, as the decoding thread's copy has them. */
export async function withChoice(model: Uint8Array): Promise<Uint8Array> {
  const fragment = choiceFragment(await outlineOf(model));
  if (!fragment) throw new Error('the model cannot take the choice');
  return new Uint8Array([...model, ...fragment]);
}

/** The outline of a model held in memory. */
export function outlineOf(model: Uint8Array) {
  return outline(async (position, length) => model.subarray(position, position + length), model.length);
}
