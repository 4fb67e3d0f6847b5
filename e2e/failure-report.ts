import { afterEach } from 'vitest';
import { openBrowsers } from './chromium';

/**
 * When a browser test fails, prints what each open page showed: its address, its buttons (loading ones marked) and the start of its text. CI keeps only the printed output, so a failure seen only
 * there is read from this.
 */
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  const pages = [...openBrowsers].flatMap((b) => b.contexts().flatMap((c) => c.pages())).filter((p) => !p.isClosed());
  // The newest two: an earlier attempt's pages stay open beside the retry's.
  for (const page of pages.slice(-2)) {
    try {
      const buttons = await page
        .getByRole('button')
        .evaluateAll((bs) =>
          bs.map((b) => `${(b.textContent ?? '').trim()}${b.classList.contains('ant-btn-loading') ? '(loading)' : ''}`),
        );
      const main = page.locator('.ant-layout-content');
      const text = (await ((await main.count()) ? main.first() : page.locator('body')).innerText({ timeout: 2_000 }))
        .replace(/\s+/g, ' ')
        .slice(0, 1_500);
      console.log(`[failed test] ${page.url()}\n  buttons: ${buttons.filter(Boolean).join(' | ')}\n  text: ${text}`);
    } catch (e) {
      console.log(`[failed test] ${page.url()}: could not be read (${(e as Error).message.split('\n')[0]})`);
    }
  }
});
