import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/** Debian's chromium; .ci/run installs it, so in CI its absence fails the suite instead of skipping it. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshotDirectory = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'docs',
  'screenshots',
);
const pages = ['/docs', '/docs/coverage', '/docs/guides'];
const phone = { width: 375, height: 740 };

describe.skipIf(!existsSync(chromiumPath) && process.env.CI !== 'true')(
  'docs pages in headless Chromium',
  () => {
    let leg: StorageLeg;
    let api: TestServer;
    let browser: Browser;

    beforeAll(async () => {
      leg = await createSqliteLeg();
      api = await startTestServer({
        ...leg.config,
        connectorPackages: ['@unidir/connector-azure-ad', '@unidir/connector-google-workspace'],
      });
      browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await api?.close();
      await leg?.dispose();
    });

    /** Opens a page, collecting console errors, page errors and every URL it requested. */
    async function open(pathname: string, viewport = { width: 1280, height: 900 }) {
      const page = await browser.newPage({ viewport });
      const problems: string[] = [];
      const requested: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => requested.push(request.url()));
      const response = await page.goto(`${api.url}${pathname}`, { waitUntil: 'load' });
      return { page, problems, requested, status: response?.status() };
    }

    it.each(pages)(
      '%s loads without a token, without console errors, and asks only this server',
      async (pathname) => {
        const { page, problems, requested, status } = await open(pathname);
        expect(status).toBe(200);
        expect(problems).toEqual([]);
        expect(requested.filter((url) => !url.startsWith(api.url))).toEqual([]);
        await page.close();
      },
    );

    it.each(pages)('%s fits a phone screen', async (pathname) => {
      const { page } = await open(pathname, phone);
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    });

    it('shows every connector in the coverage matrix, with supported, required and restricted values', async () => {
      const { page } = await open('/docs/coverage');
      const deleteSection = page.locator('#users-delete');
      const headers = await deleteSection.locator('th').allTextContents();
      expect(headers).toEqual(expect.arrayContaining(['Microsoft Entra ID (Azure AD)', 'Google Workspace']));
      const permanentRow = deleteSection.locator('tr', {
        has: page.locator('code', { hasText: /^permanent$/ }),
      });
      expect(await permanentRow.textContent()).toMatch(/\d+ supported \/ \d+ required/);
      expect(await page.locator('td.only').count()).toBeGreaterThan(0);
      await page.close();
    });

    it('reaches the delete endpoint by searching and by its anchor', async () => {
      const { page } = await open('/docs');
      await page.fill('#search', 'delete users');
      const visible = page.locator('details.operation:visible summary');
      expect(await visible.allTextContents()).toContain('DELETE /unified/user-directory/users/{id}');
      await page.close();

      const anchored = await open('/docs#operation-deleteUsers');
      const target = anchored.page.locator('#operation-deleteUsers');
      await expect.poll(() => target.getAttribute('open')).not.toBeNull();
      expect(await target.locator('summary').textContent()).toBe('DELETE /unified/user-directory/users/{id}');
      await anchored.page.close();
    });

    it.runIf(process.env.UNIDIR_DOCS_SCREENSHOTS === '1')('saves screenshots for the README', async () => {
      await mkdir(screenshotDirectory, { recursive: true });
      for (const [name, pathname] of [
        ['reference', '/docs'],
        ['coverage', '/docs/coverage'],
      ] as const) {
        for (const [size, viewport] of [
          ['desktop', { width: 1280, height: 900 }],
          ['phone', phone],
        ] as const) {
          const { page } = await open(pathname, viewport);
          await screenshot(page, path.join(screenshotDirectory, `${name}-${size}.png`));
          await page.close();
        }
      }
    });
  },
);

async function screenshot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: file, fullPage: false });
}
