import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** A stand-in for the Hugging Face Hub on 127.0.0.1: serves `<root>/<owner>/<name>/<file>` at `/<owner>/<name>/resolve/main/<file>`. */
export interface HubServer {
  url: string;
  requests: { path: string; range?: string }[];
  /** Send only this many bytes of the next response for `file`, then drop the connection. */
  cutNext(file: string, bytes: number): void;
  close(): Promise<void>;
}

export async function startHubServer(root: string): Promise<HubServer> {
  const requests: HubServer['requests'] = [];
  const cuts = new Map<string, number>();
  const server: Server = createServer((request: IncomingMessage, response) => {
    const url = decodeURIComponent(request.url ?? '');
    requests.push({ path: url, ...(request.headers.range ? { range: request.headers.range } : {}) });
    const match = /^\/([^/]+)\/([^/]+)\/resolve\/main\/(.+)$/.exec(url);
    const file = match && path.join(root, match[1]!, match[2]!, match[3]!);
    const size = file ? statSync(file, { throwIfNoEntry: false })?.size : undefined;
    if (!file || size === undefined) {
      response.writeHead(404).end('Entry not found');
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    if (start >= size && range) {
      response.writeHead(416, { 'content-range': `bytes */${size}` }).end();
      return;
    }
    response.writeHead(range ? 206 : 200, {
      'content-length': String(size - start),
      ...(range ? { 'content-range': `bytes ${start}-${size - 1}/${size}` } : {}),
    });
    const cut = cuts.get(match[3]!);
    if (cut !== undefined) {
      cuts.delete(match[3]!);
      // Hand the bytes to the kernel, then close with FIN (a reset could make the client drop data it had not read).
      const slice = readFileSync(file).subarray(start, start + cut);
      response.write(slice, () => response.socket?.end());
      return;
    }
    createReadStream(file, { start }).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    cutNext: (file, bytes) => cuts.set(file, bytes),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Makes sure 127.0.0.1 answers. A fresh network namespace (`unshare -n`, a machine with no network) has its loopback
 * interface down; as root there it can be brought up, which touches nothing outside the namespace.
 * Resolves to a reason when loopback cannot be had, so download tests can say why they skip.
 */
export async function ensureLoopback(): Promise<string | undefined> {
  if (await loopbackAnswers()) return undefined;
  const raised = spawnSync('ip', ['link', 'set', 'lo', 'up'], { encoding: 'utf8' });
  if (await loopbackAnswers()) {
    process.stderr.write('note: the loopback interface was down (a network namespace without network); brought it up for the download tests\n');
    return undefined;
  }
  return `127.0.0.1 is unreachable and the loopback interface could not be brought up (${(raised.stderr || raised.error?.message || 'ip failed').trim()})`;
}

async function loopbackAnswers(): Promise<boolean> {
  const server = createServer((_, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return (await response.text()) === 'ok';
  } catch {
    return false;
  } finally {
    server.close();
  }
}
