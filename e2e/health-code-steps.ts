import type { Page } from 'playwright-core';
import { settle } from './chromium';

// The health code's console steps in the browser (健康码管理, /health-codes), for this module's e2e tests and for
// the chained ones (a citizen, a result import, a venue scan, then an administrator's correction).

export type CodeColour = '绿码' | '黄码' | '红码';

/** Opens 健康码管理 from the menu of a signed-in page. */
export async function openHealthCodes(page: Page) {
  await page.getByRole('menuitem', { name: '健康码管理' }).click();
  await page.getByTestId('lookup-id').waitFor();
}

/** Looks a person up by ID number on 健康码管理 and waits for their card; returns the card's locator. */
export async function lookUpPerson(page: Page, idNumber: string) {
  if (!(await page.getByTestId('lookup-id').isVisible())) await openHealthCodes(page);
  await page.getByTestId('lookup-id').fill(idNumber);
  await page.getByTestId('lookup').click();
  const card = page.getByTestId('person-card');
  await card.waitFor();
  await settle(page, 300);
  return card;
}

/** The colour the person card shows now (绿码/黄码/红码). */
export const cardColour = async (page: Page) =>
  (await page.getByTestId('person-card').getByTestId('colour-tag').first().textContent()) as CodeColour;

/**
 * Corrects a person's code in the browser as the signed-in administrator: looks them up, opens 更正健康码, picks
 * the colour, gives the reason and submits. Resolves with the toast's text: 已更正为…，已生效 when applied at once,
 * 已提交，待疾控另一人审核后生效 when a second person of the CDC must approve it (red, or more than ten people).
 */
export async function correctInBrowser(page: Page, o: { idNumber: string; colour: CodeColour; reason: string }) {
  await lookUpPerson(page, o.idNumber);
  await page.getByTestId('open-correct').click();
  const drawer = page.getByTestId('correct-drawer');
  await drawer.getByTestId('correct-colour').getByText(o.colour, { exact: true }).click();
  await drawer.getByTestId('correct-reason').fill(o.reason);
  await page.getByTestId('submit-correction').click();
  const toast = page
    .locator('.ant-message-notice')
    .filter({ hasText: /已生效|待疾控另一人审核/ })
    .last();
  await toast.waitFor();
  const said = (await toast.textContent()) ?? '';
  await settle(page, 300);
  return said;
}

/** Approves (通过) the pending correction whose reason is `reason` in the CDC's pending list of 健康码管理. */
export async function approveInBrowser(page: Page, reason: string) {
  if (!(await page.getByTestId('corrections').isVisible())) await openHealthCodes(page);
  const row = page.getByTestId('corrections').locator('tr').filter({ hasText: reason }).first();
  await row.waitFor();
  await row.getByRole('button', { name: /^通\s*过$/ }).click();
  await page.locator('.ant-message-notice').filter({ hasText: '已审核通过' }).last().waitFor();
  await settle(page, 300);
}

/** Finds, on 审计日志 (the admin's), the sentence of a correction by `username`: resolves with its text. */
export async function correctionInAuditLog(page: Page, username: string, sentence: RegExp) {
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await page.getByPlaceholder('账号').fill(username);
  await page.getByPlaceholder('账号').press('Enter');
  const cell = page.getByRole('cell', { name: sentence }).first();
  await cell.waitFor();
  return (await cell.textContent()) ?? '';
}
