#!/usr/bin/env node
import { createWriteStream, readFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import type { z } from 'zod';
import { type Ctx, type Kit, system } from '../kit/context';
import { type SheetExport, writeExport } from '../kit/exports';
import { ROLE_KEYS, type Role } from '../kit/roles';
import { contextForAccount } from '../modules/auth/actor';
import { authService } from '../modules/auth/service';
import { peopleService } from '../modules/people/service';
import { riskProposals } from '../modules/risk/proposals';
import { hourZh, LEVELS } from '../modules/risk/rules';
import { bulletinDocumentSchema } from '../modules/surveillance/bulletin/document';
import { type Layout, parseLayout } from '../modules/surveillance/bulletin/layout';
import { renderBulletin, TEMPLATE_NAMES, type TemplateName } from '../modules/surveillance/bulletin/render';
import { reminderDocumentSchema } from '../modules/surveillance/reminder/document';
import { hasReminderLayout, reminderLayoutNames } from '../modules/surveillance/reminder/layout-files';
import { renderReminder } from '../modules/surveillance/reminder/render';
import { territoryService } from '../modules/territory/service';
import { missingExport } from '../modules/testing/coverage/export';
import { DEMO_DAY, loadDemoOutbreak } from '../seed/demo-outbreak';
import { seedCity } from '../seed/load';
import { AppError } from '../server/errors';
import { registerNoticeCommands } from './notice';
import { registerPoolCommands } from './pool';
import { openRuntime } from './runtime';
import { serve } from './serve';

const program = new Command('fangyi').description('防疫 Fangyi: epidemic prevention and control platform');

const bar = (label: string) =>
  new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );

/** The CLI acts as a named account, so its reads and writes are scoped and audited like the console's. */
const asAccount = (kit: Kit, username: string, scopeCode?: string) => contextForAccount(kit, username, 'cli', scopeCode);

program.command('serve').description('serve the API and the console (embedded PostgreSQL unless DATABASE_URL)').action(serve);

program
  .command('seed')
  .description('load the deterministic synthetic city into an empty database')
  .requiredOption('--people <n>', 'number of residents', (v) => Number.parseInt(v, 10))
  .option('--seed <s>', 'random seed', (v) => Number.parseInt(v, 10), 1)
  .action(async (o: { people: number; seed: number }) => {
    const { db } = await openRuntime();
    const b = bar('residents');
    b.start(o.people, 0);
    const t = performance.now();
    const r = await seedCity(db.pool, {
      people: o.people,
      seed: o.seed,
      onProgress: (n) => b.update(n),
      onPhase: (p) => p === 'index' && b.stop(),
    });
    const secs = (performance.now() - t) / 1000;
    console.log(`loaded ${r.people} residents and ${r.nodes} territory nodes in ${secs.toFixed(1)} s`);
    console.log(
      `  COPY (generation included): ${r.copySeconds.toFixed(1)} s = ${Math.round(r.people / r.copySeconds)} residents/s`,
    );
    console.log(`  index and key rebuild: ${r.indexSeconds.toFixed(1)} s; overall ${Math.round(r.people / secs)} residents/s`);
    await db.close();
  });

program
  .command('demo-outbreak')
  .description("enter seed 003's outbreak day (2022-11-29) through the services, as the named CDC account; once")
  .option('--as <username>', 'a city-wide CDC account', 'cdc')
  .action(async (o: { as: string }) => {
    const { db, kit } = await openRuntime();
    const loaded = await loadDemoOutbreak(await asAccount(kit, o.as));
    console.log(loaded ? `loaded the outbreak day ${DEMO_DAY}` : `${DEMO_DAY} already has positives: nothing done`);
    await db.close();
  });

const imp = program.command('import').description('import a ledger');
imp
  .command('residents <file>')
  .description('import a residents ledger (.xlsx): all or nothing, idempotent by ID number')
  .option('--as <username>', 'account to act as', 'admin')
  .option('--scope <code>', 'territory code to import under (inside the account’s scope)')
  .action(async (file: string, o: { as: string; scope?: string }) => {
    const { db, kit } = await openRuntime();
    const ctx = await asAccount(kit, o.as, o.scope);
    const b = bar('import');
    let phase = '';
    try {
      const r = await peopleService.importXlsx(ctx, readFileSync(file), (p, done, total) => {
        if (p !== phase) {
          if (phase) b.stop();
          phase = p;
          console.log(p === 'parse' ? '读取文件…' : p === 'validate' ? '校验…' : '写入…');
          b.start(total, 0);
        }
        b.update(done);
      });
      b.stop();
      if (r.replayOf)
        console.log(`此文件已于 ${r.replayOf.at} 导入（${r.replayOf.rows}行），未重复写入 already imported; nothing written`);
      else console.log(`导入完成 imported: ${r.rows} rows, ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged`);
    } catch (e) {
      b.stop();
      if (!(e instanceof AppError)) throw e;
      console.error(`${e.zh}\n${e.en}`);
      for (const i of (e.details as { issues?: { sheet: string; row: number; column: string; reason: string }[] })?.issues ?? [])
        console.error(`  ${i.sheet} 第${i.row}行 ${i.column}: ${i.reason}`);
      await db.close();
      process.exit(1);
    }
    await db.close();
  });

/**
 * Writes an export into a file with a progress bar against its estimate: the same streaming exporter as the
 * console's download, so memory stays flat at any size.
 */
async function exportToFile<R extends object>(ctx: Ctx, spec: SheetExport<R>, out: string) {
  const progress = bar('export');
  progress.start(spec.estimate?.value ?? 0, 0);
  const file = createWriteStream(out);
  const done = await writeExport(ctx, spec, file, {
    onRows: (n) => progress.update(n, spec.estimate && n > spec.estimate.value ? { total: n } : {}),
  });
  await finished(file).catch(() => undefined);
  progress.stop();
  console.log(`wrote ${out} (${done.rows} rows${done.complete ? '' : ', incomplete'})`);
}

const exp = program.command('export').description('export a ledger');
exp
  .command('residents')
  .description('export the residents ledger (.xlsx) of a territory')
  .requiredOption('--scope <code>', 'territory code')
  .option('--as <username>', 'account to act as', 'admin')
  .option('--vulnerable', 'only the 特殊人群台账')
  .option('--out <file>', 'output file', '居民台账.xlsx')
  .action(async (o: { scope: string; as: string; vulnerable?: boolean; out: string }) => {
    const { db, kit } = await openRuntime();
    const ctx = await asAccount(kit, o.as, o.scope);
    await exportToFile(ctx, await peopleService.residentsExport(ctx, { tag: o.vulnerable ? 'any' : undefined }), o.out);
    await db.close();
  });
exp
  .command('missing')
  .description("a testing round's missing list (漏检名单, .xlsx) of a node, by stairwell and floor, for the door knockers")
  .requiredOption('--round <id>', "the round's id (as GET /api/testing/rounds lists it)", (v) =>
    /^\d{1,15}$/.test(v) ? Number(v) : Number.NaN,
  )
  .option('--node <code>', "territory code of the community, compound, building or unit (default: the round's node)")
  .option('--as <username>', 'account to act as (phones are masked unless it holds people.reveal)', 'admin')
  .option('--out <file>', 'output file (default: the name the console gives, 第N轮漏检名单-<node>-<time>.xlsx)')
  .action(async (o: { round: number; node?: string; as: string; out?: string }) => {
    if (!(Number.isSafeInteger(o.round) && o.round > 0)) {
      console.error('轮次编号须为正整数 (--round must be a round’s id, a whole number)');
      process.exit(2);
    }
    const { db, kit } = await openRuntime();
    const ctx = await asAccount(kit, o.as);
    const node = o.node ? await territoryService.byCode(ctx, o.node) : undefined;
    if (o.node && !node) throw new Error(`territory code ${o.node} is not inside the scope of ${o.as}`);
    const spec = await missingExport(ctx, o.round, { nodeId: node?.id });
    await exportToFile(ctx, spec, o.out ?? spec.filename);
    await db.close();
  });

/** A JSON document validated by `schema`; each problem printed with its path, then exit 1. */
function readDocument<T>(schema: z.ZodType<T>, file: string): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (parsed.success) return parsed.data;
  for (const i of parsed.error.issues) console.error(`${file}: ${i.path.join('.') || '(document)'}: ${i.message}`);
  process.exit(1);
}

const bulletin = program.command('bulletin').description('the daily epidemic bulletin (疫情通报)');
bulletin
  .command('render')
  .description('print the bulletin text of a JSON document (docs/bulletin.md), offline')
  .option('--layout <name|file>', `a shipped layout (${TEMPLATE_NAMES.join(' | ')}) or a layout JSON file`)
  .option('--template <name>', 'former name of --layout')
  .requiredOption('--input <file>', 'BulletinDocument JSON')
  .action((o: { layout?: string; template?: string; input: string }) => {
    const name = o.layout ?? o.template;
    if (!name) throw new Error(`--layout is required: one of ${TEMPLATE_NAMES.join(', ')}, or a layout JSON file`);
    process.stdout.write(`${renderBulletin(layoutOf(name), readDocument(bulletinDocumentSchema, o.input))}\n`);
  });

/** A shipped layout by name, or a house style's layout file, refused with the clause and option at fault. */
function layoutOf(name: string): TemplateName | Layout {
  if (TEMPLATE_NAMES.includes(name)) return name;
  if (!name.endsWith('.json')) throw new Error(`--layout must be one of ${TEMPLATE_NAMES.join(', ')}, or a .json file`);
  try {
    return parseLayout(JSON.parse(readFileSync(name, 'utf8')), name);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}

program
  .command('reminder')
  .description("the CDC's urgent reminder (紧急提醒)")
  .command('render')
  .description('print the reminder text of a JSON document (docs/reminder.md), offline')
  .requiredOption('--input <file>', 'ReminderDocument JSON')
  // Named without listing the layouts, so that no other command reads (or fails on) the layout files.
  .option('--layout <name>', "a house style of reminder/layouts, instead of the document's own")
  .action((o: { input: string; layout?: string }) => {
    if (o.layout !== undefined && !hasReminderLayout(o.layout))
      throw new Error(`--layout must be one of ${reminderLayoutNames().join(', ')}`);
    process.stdout.write(`${renderReminder(readDocument(reminderDocumentSchema, o.input), o.layout)}\n`);
  });

program
  .command('risk')
  .description('risk areas (风险区域)')
  .command('proposals')
  .description("today's lowering proposals under the edition in force, for the city HQ to confirm in the console")
  .option('--as <username>', 'the account to read as (its scope)', 'hq')
  .action(async (o: { as: string }) => {
    const { db, kit } = await openRuntime();
    const list = await riskProposals.proposals(await asAccount(kit, o.as));
    if (!list.length) console.log('今日无降级建议 no lowering proposal is due');
    for (const p of list)
      console.log(
        `${p.district} ${p.label}：${LEVELS[p.level]}（自${hourZh(p.since)}起）→ 建议调整为${LEVELS[p.to]}；` +
          `末次感染${p.lastInfectionAt ? hourZh(p.lastInfectionAt) : '无'}，${p.round ? `${hourZh(p.round)}全员核酸阴性，` : ''}` +
          `自${hourZh(p.dueAt)}起满足《${p.edition}》条件`,
      );
    await db.close();
  });

registerNoticeCommands(program);
registerPoolCommands(program);

const users = program.command('users').description('manage accounts');
users
  .command('create')
  .description('create an account')
  .requiredOption('--username <u>')
  .requiredOption('--password <p>')
  .requiredOption('--role <role>', ROLE_KEYS.join(' | '))
  .requiredOption('--scope <code>', 'territory code of the account’s scope')
  .option('--name <display>', 'display name')
  .action(async (o: { username: string; password: string; role: string; scope: string; name?: string }) => {
    if (!ROLE_KEYS.includes(o.role as Role)) throw new Error(`--role must be one of ${ROLE_KEYS.join(', ')}`);
    const { db, kit } = await openRuntime();
    // The command line is the system: the first admin is created here, before any account exists.
    const id = await authService.createUser(system(kit), {
      username: o.username,
      displayName: o.name ?? o.username,
      password: o.password,
      role: o.role as Role,
      scopeCode: o.scope,
    });
    console.log(`created account ${o.username} (#${id})`);
    await db.close();
  });

program.parseAsync().catch((e) => {
  console.error(e instanceof AppError ? `${e.zh} / ${e.en}` : e instanceof Error ? e.message : e);
  process.exit(1);
});
