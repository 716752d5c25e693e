import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { readOutline } from '../../src/models/onnx-outline.js';
import { testModels } from '../support/test-models.js';
import { temporaryFolder } from '../support/temporary.js';

describe('readOutline', () => {
  it.each(['decoder_model_merged.onnx', 'decoder_model_merged_quantized.onnx', 'encoder_model.onnx'])('reads the opset, inputs and outputs of bart-tiny’s %s as decoding the whole model does', async (file) => {
    const model = path.join(await testModels(), 'bitext-test/bart-tiny/onnx', file);
    const decoded = onnxProto.onnx.ModelProto.decode(readFileSync(model));
    const edges = (values: onnxProto.onnx.IValueInfoProto[]) => values.map((value) => ({ name: value.name, type: value.type?.tensorType?.elemType }));
    expect(await readOutline(model)).toEqual({ opset: 17, inputs: edges(decoded.graph!.input!), outputs: edges(decoded.graph!.output!) });
    expect((await readOutline(model)).outputs.map((output) => output.name)).toContain(file.startsWith('decoder') ? 'present.0.decoder.key' : 'last_hidden_state');
  });

  it('says a cut file is not an ONNX model', async () => {
    const model = readFileSync(path.join(await testModels(), 'bitext-test/bart-tiny/onnx/decoder_model_merged.onnx'));
    const cut = path.join(temporaryFolder('bitext-outline'), 'cut.onnx');
    writeFileSync(cut, model.subarray(0, Math.floor(model.length / 2)));
    await expect(readOutline(cut)).rejects.toThrow(/not an ONNX model/);
  });
});
