import type { Locator } from 'playwright-core';

/**
 * Types `text` ("2026-12-03" or "2026-12-03 08:00") into an Ant Design picker's input and confirms it: with the
 * dropdown's 确定 where the picker has a time (Enter there raced the form on a busy machine: the picker closed
 * with nothing chosen), with Enter where it picks a day only. It checks the input holds the text once the
 * dropdown is gone and types again if not, so a keystroke lost under load does not fail a test later on.
 */
export async function typeDate(input: Locator, text: string): Promise<void> {
  const page = input.page();
  const open = page.locator('.ant-picker-dropdown:visible');
  for (let attempt = 1; ; attempt++) {
    await input.click();
    await open
      .first()
      .waitFor({ timeout: 3000 })
      .catch(() => undefined);
    await input.fill(text);
    const ok = open.locator('.ant-picker-ok button');
    if (await ok.count()) await ok.click({ timeout: 3000 }).catch(() => undefined);
    else await input.press('Enter');
    await open.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined);
    if ((await input.inputValue()) === text && (await open.count()) === 0) return;
    if (attempt === 3) throw new Error(`the picker did not take ${text}: it shows "${await input.inputValue()}"`);
    // Escape only while the picker is open: otherwise it would close the drawer or modal the picker sits in.
    if (await open.count()) await page.keyboard.press('Escape');
  }
}
