import type { Page } from 'playwright-core';
import { settle } from './chromium';

// The venues' console steps in the browser (场所码, /venues), for this module's e2e test and the lead's chained
// one (a venue registered, then scanned).

/** Opens 场所码 at `url` (the server's origin) as the signed-in page's account. */
export async function openVenues(page: Page, url: string) {
  await page.goto(`${url}/venues`);
  await page.getByTestId('venue-new').waitFor();
  await settle(page, 300);
}

/**
 * Registers a venue in the browser: opens 场所码, 登记场所, fills the kind (its Chinese name: 超市, 物流园区,
 * 园区分区 …), the name, the node (searched by `nodeSearch`, the option whose text holds `nodeName`, or the first),
 * the park for a zone, shop or warehouse (its name), and saves. Resolves with the new venue's printed code, read
 * from the toast (已登记“A区”，场所码 V…).
 */
export async function createVenue(
  page: Page,
  url: string,
  v: { kind: string; name: string; nodeSearch: string; nodeName?: string; park?: string; line?: string; plate?: string },
): Promise<string> {
  if (!(await page.getByTestId('venue-new').isVisible())) await openVenues(page, url);
  await page.getByTestId('venue-new').click();
  const form = page.getByTestId('venue-form');
  await form.waitFor();
  await pick(page, form.getByTestId('venue-kind'), v.kind, v.kind);
  await form.getByTestId('venue-name').fill(v.name);
  await pick(
    page,
    form.locator('.ant-form-item').filter({ hasText: '所在辖区' }).locator('.ant-select'),
    v.nodeSearch,
    v.nodeName ?? v.nodeSearch,
  );
  if (v.park) await pick(page, form.getByTestId('venue-park'), v.park, v.park);
  if (v.line) await form.getByLabel('公交线路').fill(v.line);
  if (v.plate) await form.getByLabel('车牌号').fill(v.plate);
  await page.getByTestId('venue-save').click();
  const toast = page
    .locator('.ant-message-notice')
    .filter({ hasText: `已登记“${v.name}”` })
    .last();
  await toast.waitFor();
  const code = /场所码\s*(V[0-9A-Z]+)/.exec((await toast.textContent()) ?? '')?.[1];
  if (!code) throw new Error('no venue code in the toast');
  await settle(page, 300);
  return code;
}

/** Types `search` into an antd Select and clicks the option holding `option`. */
async function pick(page: Page, select: ReturnType<Page['locator']>, search: string, option: string) {
  await select.click();
  await page.keyboard.type(search);
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();
  await item.waitFor();
  await item.click();
}

/** Opens the print view of the venue named `name` (a park prints its whole set) and waits for its QR codes. */
export async function printVenue(page: Page, url: string, name: string) {
  await openVenues(page, url);
  const row = venueRow(page, name);
  await row.getByTestId('venue-print').click();
  await page.getByTestId('print-page').waitFor();
  await page.getByTestId('venue-qr').first().waitFor();
  await settle(page, 300);
}

/** The list's row of the venue named exactly `name` (not the rows of its zones, which name their park too). */
export const venueRow = (page: Page, name: string) =>
  page
    .getByTestId('venues-table')
    .locator('tr')
    .filter({ has: page.locator('strong').getByText(name, { exact: true }) })
    .first();
