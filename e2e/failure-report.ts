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
        .slice(0, 800);
      // What floats outside the content: toasts, a drawer's or a modal's form, and the errors under its fields.
      const floating = await page
        .locator('.ant-message, .ant-notification, .ant-drawer-content, .ant-modal-content')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').slice(0, 600)));
      const errors = await page.locator('.ant-form-item-explain-error').allInnerTexts();
      console.log(
        `[failed test] ${page.url()}\n  buttons: ${buttons.filter(Boolean).join(' | ')}\n  field errors: ${errors.join(' | ') || '-'}` +
          `\n  floating: ${floating.filter(Boolean).join(' || ') || '-'}\n  text: ${text}`,
      );
    } catch (e) {
      console.log(`[failed test] ${page.url()}: could not be read (${(e as Error).message.split('\n')[0]})`);
    }
  }
});
