import { type Kit, system } from '../kit/context';
import type { Role } from '../kit/roles';
import { contextForAccount } from '../modules/auth/actor';
import { authService } from '../modules/auth/service';
import { DEMO_DAY, loadDemoOutbreak } from './demo-outbreak';
import { loadDemoRisk } from './demo-risk';
import { loadDemoTesting } from './demo-testing';
import { seedCity } from './load';

export const DEMO_PASSWORD = 'Fangyi@2021';

export interface DemoAccount {
  username: string;
  role: Role;
  scope: string;
}

/**
 * The demo city of a first start: the synthetic city at demo size and one account per level (two at the city
 * CDC, who draft and review each other's texts), the community and street ones in 平房区 (the district of
 * seeds 000 and 003). Runs only when there is no account yet.
 */
export async function loadDemo(kit: Kit, people: number, log: (m: string) => void): Promise<DemoAccount[] | null> {
  const { pool } = kit;
  if ((await pool.query('SELECT 1 FROM users LIMIT 1')).rowCount) return null;
  log(`loading the demo city (${people} residents)…`);
  await seedCity(pool, { people, seed: 2021 });
  const pick = async (sql: string) => (await pool.query(sql)).rows[0] as { code: string; name: string };
  const city = await pick('SELECT code, name FROM territory_nodes WHERE depth = 0');
  const district = await pick("SELECT code, name FROM territory_nodes WHERE name = '平房区'");
  const street = await pick(`SELECT s.code, s.name FROM territory_nodes s JOIN territory_nodes d ON d.id = s.parent_id
                              WHERE d.name = '平房区' AND s.depth = 2 ORDER BY s.code LIMIT 1`);
  const community = await pick(
    `SELECT code, name FROM territory_nodes WHERE code LIKE '${street.code}%' AND depth = 3 ORDER BY code LIMIT 1`,
  );
  const accounts: [string, string, Role, { code: string; name: string }][] = [
    ['admin', '系统管理员', 'admin', city],
    ['hq', '市指挥部值班员', 'city_hq', city],
    ['cdc', '市疾控流调员', 'cdc', city],
    // A second city CDC account: a text is approved by another publisher than its drafter.
    ['cdc2', '市疾控审核员', 'cdc', city],
    ['pingfang', '平房区防控办', 'district', district],
    ['street', `${street.name}工作人员`, 'street', street],
    ['community', `${community.name}工作人员`, 'community', community],
    ['sampler', `${community.name}扫码员`, 'sampler', community],
    ['lab', '哈尔滨市第一医院检验科', 'lab', city],
  ];
  const out: DemoAccount[] = [];
  for (const [username, displayName, role, node] of accounts) {
    await authService.createUser(system(kit), { username, displayName, password: DEMO_PASSWORD, role, scopeCode: node.code });
    out.push({ username, role, scope: node.name });
  }
  log(`loading the demo outbreak day (${DEMO_DAY}: seed 003's 59 positives, their contacts and a cluster)…`);
  // The accounts are in: should the outbreak fail, the city still serves, and `fangyi demo-outbreak` retries.
  await loadDemoOutbreak(await contextForAccount(kit, 'cdc', 'demo')).catch((e) =>
    log(`the demo outbreak did not load (${e.message}); retry with: npm run fangyi -- demo-outbreak`),
  );
  log('loading the demo risk areas (seed 004 in 南岗区, the control zones of 平房区)…');
  await loadDemoRisk(await contextForAccount(kit, 'hq', 'demo')).catch((e) =>
    log(`the demo risk areas did not load (${e.message})`),
  );
  log('loading the demo mass testing (rounds 3 and 4 in the sampler’s community, sampled, handed over and resulted)…');
  const as = (u: string) => contextForAccount(kit, u, 'demo');
  await loadDemoTesting({ district: await as('pingfang'), sampler: await as('sampler'), lab: await as('lab') }).catch((e) =>
    log(`the demo mass testing did not load (${e.message})`),
  );
  return out;
}
