// `npm run bench:import [-- --embedded]`: the dry run of a 12,500 / 25,000 / 50,000-row workbook
// and of a 50,000-row CSV against a real server process, with /healthz asked every 50 ms
// meanwhile. Prints each file's time and time per 1,000 rows (equal per-row times: linear), and
// /healthz's p50/p99/max during it (the event loop stays free for other users).
// `-- --national`: instead, the real import (written, not a dry run) of every township of
// reference/china-townships.csv (41,352 rows) as the whole installation's office (issue 28: ≤ 5 s).
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { freshStore, httpAs, spawnServer } from '../../tests/helpers/server-process.js';

const embedded = process.argv.includes('--embedded');
if (!embedded) process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
else delete process.env.TEST_DATABASE_URL;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['编码', '名称', '类型', '上级编码', '联系人', '联系电话', '地址', '布线截止', '接入截止'];
const row = (i: number) => [`B${String(i).padStart(6, '0')}`, `测试单位${i}`, i % 3 ? '部门' : '乡镇', `P${i % 50}`, `联系人${i}`, '0939-5521234', `城关镇新街${i}号`, '2026-12-15', '2026-12-31'];

async function workbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('单位');
  sheet.addRow(HEADER);
  for (let i = 0; i < rows; i++) sheet.addRow(row(i));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csv = (rows: number) => Buffer.from(`\uFEFF${[HEADER, ...Array.from({ length: rows }, (_, i) => row(i))].map((r) => r.join(',')).join('\r\n')}\r\n`);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

const store = await freshStore();
const server = await spawnServer(store, { LOG_LEVEL: 'warn' }, { keepLog: false });
try {
  const api = await httpAs(server.url);
  const cases: { label: string; rows: number; body: Buffer; type: string; write?: boolean }[] = [];
  if (process.argv.includes('--national')) {
    const [, ...lines] = readFileSync('reference/china-townships.csv', 'utf8').trim().split(/\r?\n/);
    const body = Buffer.from(`code,name,kind,areaCode\n${lines.map((l) => l.replace(/^([^,]*),([^,]*),/, '$1,$2,township,')).join('\n')}\n`);
    cases.push({ label: 'national', rows: lines.length, body, type: 'text/csv', write: true });
  } else {
    for (const rows of [12_500, 25_000, 50_000]) cases.push({ label: `xlsx ${rows}`, rows, body: await workbook(rows), type: XLSX });
    cases.push({ label: 'csv 50000', rows: 50_000, body: csv(50_000), type: 'text/csv' });
  }

  const db = embedded ? 'PGlite (embedded)' : 'PostgreSQL';
  console.log(`\nimport bench on ${db}: dry runs, /healthz every 50 ms meanwhile (a shared 2-core machine: figures vary)`);
  for (const c of cases) {
    let done = false;
    const latencies: number[] = [];
    const health = (async () => {
      while (!done) {
        const t = performance.now();
        await fetch(`${server.url}/healthz`);
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/units/import${c.write ? '' : '?dryRun=true'}`, { method: 'POST', headers: { cookie: api.cookie, 'content-type': c.type }, body: new Uint8Array(c.body) });
    const ms = performance.now() - t0;
    const body = (await res.json()) as { created?: number; error?: { code: string } };
    done = true;
    await health;
    console.log(
      `  ${c.label.padEnd(11)} ${(c.body.length / 1024).toFixed(0).padStart(6)} KiB  ${(ms / 1000).toFixed(2).padStart(6)} s  ${((ms / c.rows) * 1000).toFixed(0).padStart(4)} ms per 1,000 rows  ` +
        `(${res.status}, created ${body.created ?? body.error?.code})  /healthz p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms over ${latencies.length}`,
    );
  }
  console.log('  targets: time per row equal across sizes (linear); 50,000-row workbook ≤ 30 s; /healthz max ≤ 200 ms');
} finally {
  await server.stop();
  await store.drop();
}
