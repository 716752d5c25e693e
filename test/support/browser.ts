import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from './paths.js';

/** Debian's Chromium (or the one `CHROMIUM` names): the tests drive the system's browser, never one they download. */
export const chromiumPath = (() => {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((file): file is string => !!file);
  return candidates.find((file) => existsSync(file) && spawnSync(file, ['--version']).status === 0);
})();

export const chromiumSkipReason = chromiumPath ? '' : ' (skipped: no Chromium is installed; `apt-get install chromium`, as .ci/run does as root)';

/** Where the tests leave their screenshots, to look at: `.cache/screenshots/` in the project. */
export const screenshots = path.join(projectRoot, '.cache', 'screenshots');

/** A headless Chromium; `--no-sandbox` because CI runs as root, where Chromium's sandbox refuses to start. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath!, args: ['--no-sandbox'] });
}

/** A page opened from a file with the network cut: what it asked for, and the errors it met, kept for the test. */
export interface OpenedPage {
  page: Page;
  /** Every request the page made, the file itself first. */
  requests: string[];
  /** Script errors, and console errors (a blocked load, a content-security-policy refusal). */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Opens a local file in a fresh browser context that is offline and refuses every request but the file itself, at
 * a desktop's or a phone's width.
 */
export async function openFile(browser: Browser, file: string, viewport = { width: 1280, height: 900 }): Promise<OpenedPage> {
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport, offline: true, javaScriptEnabled: true });
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort('blockedbyclient')));
  const page = await context.newPage();
  const opened: OpenedPage = { page, requests: [], errors: [], close: () => context.close() };
  page.on('request', (request) => opened.requests.push(request.url()));
  page.on('pageerror', (error) => opened.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') opened.errors.push(message.text());
  });
  page.on('dialog', (dialog) => {
    opened.errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  return opened;
}

/** Takes a screenshot into `.cache/screenshots/NAME.png`; resolves to its path. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(screenshots, { recursive: true });
  const file = path.join(screenshots, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
