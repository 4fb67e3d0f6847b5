/**
 * The residents export at a million (issue 13): GET /api/people/export of the most populous district and of the
 * whole city, through the product (session, access check, keyset pages, address names, `release()`, the xlsx
 * writer, the HTTP response) read by a real HTTP client that counts and drops the bytes, beside two figures of the
 * same rows in the same run: the bare `COPY (SELECT the same columns …) TO STDOUT`, counted and dropped, and the
 * xlsx writer alone (the kit's writer fed the district's cells already in memory, no database, no HTTP). Rows per
 * second, the process's peak RSS (sampled every 20 ms; the client runs in the same process) and how late a health
 * request beside the export is answered (the API's responsiveness during the export).
 * Usage: npm run bench:export [-- --people 1000000] [--url postgres://…/empty_or_seeded_db | --data DIR]
 */
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { to as copyTo } from 'pg-copy-streams';
import { system } from '../src/kit/context';
import { EXPORT_PAGE, writeExport } from '../src/kit/exports';
import { peopleService } from '../src/modules/people/service';
import { benchCity, peopleArg } from './city';

const PEOPLE = peopleArg();
const COLS = 'id, id_number, name, sex, birth_date, phone, household_id, terr_path, actual_address, registered_address, tags';

const { pool, app, kit, biggest, cookieOf, close } = await benchCity('data/bench-export', 54417, PEOPLE);
const district = await biggest(1);
const city = await biggest(0);
const masked = await cookieOf('city_hq');
const revealed = await cookieOf('cdc');
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as AddressInfo).port;

/** Runs `fn`, sampling RSS and the latency of a health request every 50 ms; seconds, peak RSS, worst latency. */
async function measured<T>(fn: () => Promise<T>) {
  global.gc?.();
  const startMb = process.memoryUsage().rss / 2 ** 20;
  let peak = process.memoryUsage().rss;
  let heap = 0;
  let buffers = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heap = Math.max(heap, m.heapUsed);
    buffers = Math.max(buffers, m.arrayBuffers);
  }, 20);
  const lags: number[] = [];
  let running = true;
  const probe = (async () => {
    while (running) {
      const s = performance.now();
      await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.arrayBuffer());
      lags.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const s = performance.now();
  const out = await fn();
  const secs = (performance.now() - s) / 1000;
  running = false;
  await probe;
  clearInterval(timer);
  lags.sort((a, b) => a - b);
  const p = (q: number) => lags[Math.min(lags.length - 1, Math.floor(lags.length * q))] ?? 0;
  return {
    secs,
    startMb,
    peakMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20,
    heapMb: heap / 2 ** 20,
    buffersMb: buffers / 2 ** 20,
    out,
    lag: { p50: p(0.5), max: p(1) },
  };
}

/** GET the export as a client would, counting the bytes; the estimate header and the byte count. */
const download = (url: string, cookie: string) =>
  new Promise<{ bytes: number; estimate: number }>((resolve, reject) => {
    get({ port, host: '127.0.0.1', path: url, headers: { cookie } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      res.on('end', () => resolve({ bytes, estimate: Number(res.headers['x-fangyi-estimate-rows']) }));
      res.on('error', reject);
    }).on('error', reject);
  });

/** The bare figure: the same rows and columns by COPY TO STDOUT, in the export's order, counted and dropped. */
const bareCopy = async (path: string) => {
  const c = await pool.connect();
  try {
    const s = c.query(
      copyTo(`COPY (SELECT ${COLS} FROM people WHERE terr_path LIKE '${path}%' ORDER BY terr_path, id) TO STDOUT`),
    );
    let bytes = 0;
    for await (const chunk of s) bytes += (chunk as Buffer).length;
    return { bytes, estimate: 0 };
  } finally {
    c.release();
  }
};

/** A sink that counts and drops what it is given. */
const counter = () => {
  const sink = Object.assign(
    new Writable({
      write(chunk: Buffer, _e, cb) {
        sink.bytes += chunk.length;
        cb();
      },
    }),
    { bytes: 0 },
  );
  return sink;
};

/**
 * The writer alone: the district's export spec read once into memory (the rows already released), then replayed
 * page by page into the kit's writer with no database and no HTTP: what the xlsx writing costs by itself.
 */
const ctx = system(kit);
const spec = await peopleService.residentsExport(ctx, { nodeId: district.id });
const held: Awaited<ReturnType<typeof spec.page>>[] = [];
const hold = async () => {
  for (let last: (typeof held)[number][number] | undefined, p = await spec.page(undefined, EXPORT_PAGE); ; ) {
    held.push(p);
    last = p.at(-1);
    if (!last || p.length < EXPORT_PAGE) break;
    p = await spec.page(last, EXPORT_PAGE);
  }
};
const writerAlone = async () => {
  const sink = counter();
  let k = 0;
  await writeExport(ctx, { ...spec, page: async () => held[k++] ?? [] }, sink);
  return { bytes: sink.bytes, estimate: 0 };
};

const table: string[] = [];
const report = async (label: string, rows: number, fn: () => Promise<{ bytes: number; estimate: number }>) => {
  const m = await measured(fn);
  const rate = Math.round(rows / m.secs);
  console.log(
    `${label.padEnd(58)} ${m.secs.toFixed(1)} s = ${rate.toLocaleString()} rows/s, peak RSS ${m.peakMb.toFixed(0)} MB (${m.startMb.toFixed(0)} before; main heap ${m.heapMb.toFixed(0)}, buffers ${m.buffersMb.toFixed(0)}), ${(m.out.bytes / 2 ** 20).toFixed(1)} MB (${(m.out.bytes / rows).toFixed(0)} B/row), health p50/max ${m.lag.p50.toFixed(0)}/${m.lag.max.toFixed(0)} ms${m.out.estimate ? `, estimate ${m.out.estimate.toLocaleString()}` : ''}`,
  );
  table.push(
    `| ${label} | ${rows.toLocaleString()} | ${m.secs.toFixed(1)} s | **${rate.toLocaleString()}** | ${m.peakMb.toFixed(0)} MB (${m.startMb.toFixed(0)} before) | ${m.lag.p50.toFixed(0)} / ${m.lag.max.toFixed(0)} ms |`,
  );
};

const dUrl = `/api/people/export?nodeId=${district.id}`;
console.log(
  `\ndistrict ${district.name}: ${district.residents.toLocaleString()} residents; city: ${city.residents.toLocaleString()}`,
);
await report(`district ${district.name}, masked (city HQ)`, district.residents, () => download(dUrl, masked));
await report(`district ${district.name}, unmasked + audited (CDC)`, district.residents, () => download(dUrl, revealed));
await report(`district ${district.name}, bare COPY TO STDOUT`, district.residents, () => bareCopy(district.path));
await hold();
await report(`district ${district.name}, xlsx writer alone (no database)`, district.residents, writerAlone);
held.length = 0;
await report(`city ${city.name}, masked (city HQ)`, city.residents, () => download('/api/people/export', masked));
await report(`city ${city.name}, bare COPY TO STDOUT`, city.residents, () => bareCopy(city.path));

console.log('\n| export | rows | time | rows/s | peak RSS of the process | health request p50 / max |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of table) console.log(r);
await close();
