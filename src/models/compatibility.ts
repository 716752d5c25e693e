/** The names and shapes of an ONNX session's inputs and outputs, as onnxruntime reports them. */
export interface Signature {
  inputs: readonly { name: string; shape?: readonly (number | string)[] }[];
  outputs: readonly { name: string; shape?: readonly (number | string)[] }[];
}

/**
 * Whether a seq2seq model's files belong together: the encoder's width and the decoder's are the config's `d_model`,
 * the decoder's logits are `vocab_size` wide, and it has a cache for each of `decoder_layers`. Files that open one by
 * one may still come from two models (a decoder copied from another); running them fails at the first sentence.
 * Only sizes the files state as numbers are compared.
 */
export function disagreements(config: Record<string, unknown>, signatures: ReadonlyMap<string, Signature>): { file: string; reason: string }[] {
  const problems: { file: string; reason: string }[] = [];
  const width = typeof config.d_model === 'number' ? config.d_model : undefined;
  const vocabulary = typeof config.vocab_size === 'number' ? config.vocab_size : undefined;
  const layers = typeof config.decoder_layers === 'number' ? config.decoder_layers : undefined;
  for (const [file, signature] of signatures) {
    const last = (list: Signature['inputs'], name: string) => list.find((entry) => entry.name === name)?.shape?.at(-1);
    const expect = (found: number | string | undefined, wanted: number | undefined, what: string, key: string) => {
      if (typeof found === 'number' && wanted !== undefined && found !== wanted) problems.push({ file, reason: `${what} is ${found} wide, but config.json's \`${key}\` is ${wanted}: the files are not of one model` });
    };
    expect(last(signature.outputs, 'last_hidden_state'), width, 'its output', 'd_model');
    expect(last(signature.inputs, 'encoder_hidden_states'), width, 'the encoder output it reads', 'd_model');
    expect(last(signature.outputs, 'logits'), vocabulary, 'its vocabulary', 'vocab_size');
    const caches = signature.inputs.filter((entry) => /^past_key_values\.\d+\.decoder\.key$/.test(entry.name)).length;
    if (caches && layers !== undefined && caches !== layers) problems.push({ file, reason: `it has ${caches} decoder layer${caches === 1 ? '' : 's'}, but config.json's \`decoder_layers\` is ${layers}: the files are not of one model` });
  }
  return problems;
}
