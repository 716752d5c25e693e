// Loaded with `node --import`: any attempt to open a network connection is recorded in BITEXT_NETWORK_LOG and refused.
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import net from 'node:net';

const log = process.env.BITEXT_NETWORK_LOG;
const refuse = (what) => {
  if (log) appendFileSync(log, `${what}\n`);
  throw new Error(`network access attempted: ${what}`);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const target = args[0];
  // Local IPC (onnxruntime, worker pipes) is not the network.
  if (target && typeof target === 'object' && 'path' in target) return connect.apply(this, args);
  if (typeof target === 'string' && !/^\d+$/.test(target)) return connect.apply(this, args);
  refuse(`socket ${JSON.stringify(target)}`);
};
dns.lookup = (host) => refuse(`dns ${host}`);
globalThis.fetch = (input) => refuse(`fetch ${String(input)}`);
