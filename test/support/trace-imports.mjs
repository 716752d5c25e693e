// Loaded with `node --import`: records every module the process resolves into the file named by BITEXT_TRACE.
import { register } from 'node:module';

register(new URL('./trace-hooks.mjs', import.meta.url), { data: { file: process.env.BITEXT_TRACE } });
