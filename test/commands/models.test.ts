import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureLoopback, startHubServer, type HubServer } from '../support/hub-server.js';
import { testModels } from '../support/test-models.js';
import { runCli, workspace, writeConfig } from '../support/workspace.js';

const tiny = 'bitext-test/marian-tiny';

/** A config using the tiny Marian from `models`. */
function configFor(models: string): string {
  const folder = workspace();
  return writeConfig(folder, { input: folder, output: path.join(folder, 'out'), models, translateModel: tiny });
}

/** A private copy of the generated models, for tests that damage them. */
async function copyOfModels(): Promise<string> {
  const copy = path.join(workspace(), 'models');
  cpSync(await testModels(), copy, { recursive: true });
  return copy;
}

describe('bitext models list', () => {
  it('lists installed models with size and dtypes, and which stage uses them', async () => {
    const result = await runCli(['models', 'list', '--config', configFor(await testModels())]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/bitext-test\/marian-tiny +\d+ KB +fp32, q8 +translate \(q8\)/);
    expect(result.stdout).toMatch(/bitext-test\/bart-tiny +\d+ KB +fp32, q8 +—/);
  });

  it('shows a configured model that is not installed', async () => {
    const result = await runCli(['models', 'list', '--config', configFor(workspace())]);
    expect(result.stdout).toMatch(/bitext-test\/marian-tiny +— +not installed +translate \(q8\)/);
  });
});

describe('bitext models verify', () => {
  it('accepts a complete model', async () => {
    const result = await runCli(['models', 'verify', '--config', configFor(await testModels())]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ bitext-test/marian-tiny (q8) for translate: 5 files');
  });

  it('names a deleted file and exits 1', async () => {
    const models = await copyOfModels();
    rmSync(path.join(models, tiny, 'tokenizer.json'));
    const result = await runCli(['models', 'verify', '--config', configFor(models)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('missing: tokenizer.json');
    expect(result.stderr).toContain(`bitext models pull ${tiny} --dtype q8`);
  });

  it('names a truncated ONNX file and a broken JSON file as corrupt', async () => {
    const models = await copyOfModels();
    const onnx = path.join(models, tiny, 'onnx/decoder_model_merged_quantized.onnx');
    truncateSync(onnx, Math.floor(statSync(onnx).size / 2));
    writeFileSync(path.join(models, tiny, 'config.json'), '{"model_type": "mar');
    const result = await runCli(['models', 'verify', '--config', configFor(models)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/corrupt: onnx\/decoder_model_merged_quantized\.onnx: onnxruntime cannot read it/);
    expect(result.stderr).toMatch(/corrupt: config\.json: not valid JSON/);
  });

  it('refuses files that open one by one but are not of one model (a decoder copied from another)', async () => {
    const models = await copyOfModels();
    const decoder = 'onnx/decoder_model_merged_quantized.onnx';
    cpSync(path.join(models, 'bitext-test/bart-tiny', decoder), path.join(models, tiny, decoder));
    const result = await runCli(['models', 'verify', '--config', configFor(models)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${decoder}: its vocabulary is 35 wide, but config.json's \`vocab_size\` is 64: the files are not of one model`);
    expect(result.stderr).toContain(`${decoder}: the encoder output it reads is 16 wide, but config.json's \`d_model\` is 64`);
  });

  it('refuses a model without a usable end token, naming the file and the key; `run` stops before any article, within seconds', async () => {
    const models = await copyOfModels();
    for (const file of ['config.json', 'generation_config.json']) {
      const json = JSON.parse(readFileSync(path.join(models, tiny, file), 'utf8')) as Record<string, unknown>;
      delete json['eos_token_id'];
      writeFileSync(path.join(models, tiny, file), JSON.stringify(json));
    }
    const config = configFor(models);
    const verify = await runCli(['models', 'verify', '--config', config]);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toMatch(/cannot be run: config\.json: no usable end token: `eos_token_id` is missing/);
    expect(verify.stderr).not.toContain('models pull');

    const folder = path.dirname(config);
    writeFileSync(path.join(folder, 'a.txt'), 'Le chat mange.\n');
    const run = await runCli(['run', '--config', config, '--input', path.join(folder, 'a.txt')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot be run: config\.json: no usable end token: `eos_token_id` is missing/);
    expect(run.stderr).toMatch(/or, to go on without it, remove the `translate` stage from the config/);
    expect(existsSync(path.join(folder, 'out', 'a.md'))).toBe(false);
  }, 30_000);
});

describe('bitext models verify on a model that can never end', () => {
  it('refuses a model whose bad words forbid its end token, and says no ✓ for it', async () => {
    const models = await copyOfModels();
    const file = path.join(models, tiny, 'generation_config.json');
    writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), bad_words_ids: [[0]] }));
    const result = await runCli(['models', 'verify', '--config', configFor(models)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot be run: generation_config\.json: no usable end token: `bad_words_ids` forbids the end token \(`eos_token_id` is 0\)/);
    expect(result.stdout).not.toContain('✓');
  });
});

describe('bitext models pull from a local mirror (127.0.0.1)', () => {
  let hub: HubServer;
  let unavailable: string | undefined;
  beforeAll(async () => {
    unavailable = await ensureLoopback();
    hub = await startHubServer(await testModels());
  });
  afterAll(() => hub.close());
  beforeEach((context) => {
    if (unavailable) context.skip(unavailable);
  });

  it('installs the configured model, which verify then accepts; a second pull downloads nothing', async () => {
    const models = path.join(workspace(), 'models');
    const config = configFor(models);
    const pulled = await runCli(['models', 'pull', '--from', hub.url, '--config', config]);
    expect(pulled.stderr).not.toContain('✗');
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toContain(`✓ ${tiny} (q8)`);
    expect(existsSync(path.join(models, tiny, 'generation_config.json'))).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(models, tiny, '.bitext-manifest.json'), 'utf8'));
    expect(manifest.files['tokenizer.json'].sha256).toMatch(/^[0-9a-f]{64}$/);
    // Asked for once: a Marian's target.spm, which this word-level model does not have.
    expect(manifest.absent).toEqual(['target.spm']);
    expect(hub.requests.filter((request) => request.path.endsWith('/target.spm'))).toHaveLength(1);
    expect((await runCli(['models', 'verify', '--config', config])).code).toBe(0);

    const before = hub.requests.length;
    const again = await runCli(['models', 'pull', '--from', hub.url, '--config', config]);
    expect(again.code).toBe(0);
    expect(hub.requests.length).toBe(before);
    expect(again.stderr).toContain('tokenizer.json: already here');
  });

  it('keeps what arrived of an interrupted download, installs nothing in its place, and says how to resume', async () => {
    const models = path.join(workspace(), 'models');
    const file = 'onnx/decoder_model_merged_quantized.onnx';
    hub.cutNext(file, 1000);
    const interrupted = await runCli(['models', 'pull', '--from', hub.url, '--config', configFor(models)]);
    expect(interrupted.code).toBe(2);
    expect(interrupted.stderr).toMatch(new RegExp(`Download of ${file} was interrupted at \\d+ (bytes|of \\d+ bytes).*run the same command again to resume`));
    expect(existsSync(path.join(models, tiny, file))).toBe(false);
    // fetch may drop the chunks it had queued when the connection broke: the partial file is a prefix of at most 1000 bytes.
    const partial = readFileSync(path.join(models, tiny, `${file}.part`));
    expect(partial.length).toBeLessThanOrEqual(1000);
    expect(partial).toEqual(readFileSync(path.join(await testModels(), tiny, file)).subarray(0, partial.length));
  });

  it('resumes a partial download with a range request and ends with the whole, verified file', async () => {
    const models = path.join(workspace(), 'models');
    const config = configFor(models);
    const file = 'onnx/decoder_model_merged_quantized.onnx';
    const original = readFileSync(path.join(await testModels(), tiny, file));
    mkdirSync(path.join(models, tiny, 'onnx'), { recursive: true });
    writeFileSync(path.join(models, tiny, `${file}.part`), original.subarray(0, 1000));
    const resumed = await runCli(['models', 'pull', '--from', hub.url, '--config', config]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`${file}: resuming at 1 KB`);
    expect(hub.requests.some((request) => request.path.endsWith(file) && request.range === 'bytes=1000-')).toBe(true);
    expect(readFileSync(path.join(models, tiny, file))).toEqual(original);
    expect(existsSync(path.join(models, tiny, `${file}.part`))).toBe(false);
    expect((await runCli(['models', 'verify', '--config', config])).code).toBe(0);
  });

  it('sets aside a downloaded file that does not verify (a mirror serving a truncated ONNX file), so the next pull fetches it again', async () => {
    const file = 'onnx/decoder_model_merged_quantized.onnx';
    const mirror = path.join(workspace(), 'mirror');
    cpSync(path.join(await testModels(), tiny), path.join(mirror, tiny), { recursive: true });
    const original = readFileSync(path.join(mirror, tiny, file));
    writeFileSync(path.join(mirror, tiny, file), original.subarray(0, 2000));
    const bad = await startHubServer(mirror);
    try {
      const models = path.join(workspace(), 'models');
      const config = configFor(models);
      const pulled = await runCli(['models', 'pull', '--from', bad.url, '--config', config]);
      expect(pulled.code).toBe(2);
      expect(pulled.stderr).toContain(`${tiny} was downloaded but does not verify: ${file}`);
      expect(pulled.stderr).toContain(`set aside as ${file}.rejected`);
      expect(existsSync(path.join(models, tiny, file))).toBe(false);
      expect(JSON.parse(readFileSync(path.join(models, tiny, '.bitext-manifest.json'), 'utf8')).files[file]).toBeUndefined();
      // The mirror mended: the next pull fetches the file again, and the model verifies.
      writeFileSync(path.join(mirror, tiny, file), original);
      const again = await runCli(['models', 'pull', '--from', bad.url, '--config', config]);
      expect(again.code).toBe(0);
      expect(readFileSync(path.join(models, tiny, file))).toEqual(original);
      expect((await runCli(['models', 'verify', '--config', config])).code).toBe(0);
    } finally {
      await bad.close();
    }
  });

  it('discards a file whose hash differs from the published one and installs nothing in its place', async () => {
    // The mirror serves the tiny model under the real model's name: the published hashes cannot match.
    const mirror = path.join(workspace(), 'mirror');
    mkdirSync(path.join(mirror, 'Xenova'), { recursive: true });
    cpSync(path.join(await testModels(), tiny), path.join(mirror, 'Xenova/opus-mt-fr-en'), { recursive: true });
    const fake = await startHubServer(mirror);
    try {
      const models = path.join(workspace(), 'models');
      const result = await runCli(['models', 'pull', 'Xenova/opus-mt-fr-en', '--from', fake.url, '--config', configFor(models)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Downloaded tokenizer\.json of `Xenova\/opus-mt-fr-en` is not the expected file \(\d+ bytes, the published size is 5637839\); it was discarded/);
      expect(existsSync(path.join(models, 'Xenova/opus-mt-fr-en/tokenizer.json'))).toBe(false);
      expect(existsSync(path.join(models, 'Xenova/opus-mt-fr-en/tokenizer.json.part'))).toBe(false);
    } finally {
      await fake.close();
    }
  });

  it('lets `bitext run` fetch a missing model first with `offline: false`, and never with `offline: true` or --offline', async () => {
    const input = path.join(workspace(), 'articles');
    mkdirSync(input);
    writeFileSync(path.join(input, 'article.txt'), 'Le maire parle avec les employés de la ville, et nous refusons la lettre.\n');
    const folder = workspace();
    const models = path.join(folder, 'models');
    const settings = { input, output: path.join(folder, 'out'), models, translateModel: tiny, source: hub.url };

    const before = hub.requests.length;
    const forbidden = await runCli(['run', '--config', writeConfig(folder, { ...settings, offline: true })]);
    expect(forbidden.code).toBe(2);
    expect(forbidden.stderr).toContain('is not installed');
    const overridden = await runCli(['run', '--offline', '--config', writeConfig(folder, { ...settings, offline: false })]);
    expect(overridden.code).toBe(2);
    expect(hub.requests.length).toBe(before);

    const fetched = await runCli(['run', '--config', writeConfig(folder, { ...settings, offline: false })]);
    expect(fetched.code).toBe(0);
    // Said first: what, how big, from where, into where; then verified.
    expect(fetched.stderr).toMatch(new RegExp(`^Fetching ${tiny} \\(q8\\) \\(\\d+ KB\\) from ${hub.url} into \\S+models/${tiny}, once: config\\.json, tokenizer\\.json, `));
    expect(fetched.stderr).toMatch(new RegExp(`✓ ${tiny} \\(q8\\) installed and verified: \\d+ KB in `));
    expect(readFileSync(path.join(folder, 'out', 'article.md'), 'utf8')).toContain('the mayor speaks with the employees of the city, and we refuse the letter.');
    const requests = hub.requests.length;
    expect((await runCli(['run', '--config', writeConfig(folder, { ...settings, offline: false })])).code).toBe(0);
    expect(hub.requests.length).toBe(requests);
  });

  it('says, when the source cannot be reached, that it cannot, and the two ways on', async () => {
    const folder = workspace();
    writeFileSync(path.join(folder, 'a.txt'), 'Le chat mange.\n');
    // A port nothing listens on any more: the connection is refused at once.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as AddressInfo;
        server.close(() => resolve(free));
      });
    });
    const config = writeConfig(folder, { input: path.join(folder, 'a.txt'), output: path.join(folder, 'out'), models: path.join(folder, 'models'), translateModel: tiny, offline: false, source: `http://127.0.0.1:${port}` });
    const result = await runCli(['run', '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:\d+\S* \(ECONNREFUSED\)\. bitext-test\/marian-tiny \(q8\) is needed and not installed in \S+\. Two ways on: fetch it from a mirror .*\(bitext run --source URL\), or copy the models folder from a machine where `bitext models pull` fetched it/);
    expect(existsSync(path.join(folder, 'out', 'a.md'))).toBe(false);
    // translate has no --source: its advice names what it has.
    const translated = await runCli(['translate', path.join(folder, 'a.txt'), '--config', config]);
    expect(translated.code).toBe(2);
    expect(translated.stderr).toMatch(/Two ways on: fetch it from a mirror .*\(bitext models pull --from URL, or `source: URL` in the config\)/);
    expect(translated.stderr).not.toContain('--source');
  });

  it('says what failed when the mirror does not have the model', async () => {
    const result = await runCli(['models', 'pull', 'nobody/nothing', '--from', hub.url, '--config', configFor(path.join(workspace(), 'models'))]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Downloading ${hub.url}/nobody/nothing/resolve/main/config.json failed: HTTP 404`);
  });
});
