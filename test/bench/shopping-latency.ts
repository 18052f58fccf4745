/**
 * Member-facing latency of the shop through the Node server on PostgreSQL, against a catalogue
 * of 400 products with 4 SKUs each and two flash sales. 50 members browse 首页, a category, a
 * product, price an order (quote) and place it (create), in two phases:
 *  1. as members do: each waits about a second between taps (the DESIGN.md goal: p95 ≤ 50 ms
 *     for every member-facing call under 50 concurrent members);
 *  2. back to back, 50 calls always in flight: the throughput the server and PostgreSQL reach
 *     together, and how latency grows when the machine is saturated.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server;
 * the bench works in a database of its own, `siyu_bench_shop`, made anew each run.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { openDatabase } from '../../cloud/db/open';
import { openPostgres } from '../../cloud/db/postgres';
import { percentile, startServer, tokensFor } from './bench-server';

const CLIENTS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const MEMBERS = 5000;
const PRODUCTS = 400;
const serverUrl = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const benchUrl = new URL(serverUrl);
benchUrl.pathname = '/siyu_bench_shop';

async function seed(secret: string): Promise<{ categories: string[]; products: string[]; skus: string[]; tokens: string[]; addresses: string[] }> {
  const admin = openPostgres(serverUrl.toString(), { max: 1 });
  await admin.query('drop database if exists siyu_bench_shop with (force)');
  await admin.query('create database siyu_bench_shop');
  await admin.close();
  const db = await openDatabase({ databaseUrl: benchUrl.toString() });
  console.log(`seed: ${MEMBERS} members, ${PRODUCTS} products × 4 SKUs, 2 flash sales …`);
  await db.query(`insert into members (openid, created_at) select 'shop-' || g, now() - interval '30 days' from generate_series(1, $1) g`, [MEMBERS]);
  // Each member's address, as the checkout sends it (order.create needs one).
  await db.query(
    `insert into addresses (member_id, address, is_default, created_at, updated_at)
     select id, '{"name": "压测", "phone": "13800138000", "region": "上海市 静安区", "detail": "南京西路 1 号"}', true, now(), now()
     from members where openid like 'shop-%'`,
  );
  await db.query(`insert into categories (name, position) select '分类' || g, g from generate_series(1, 8) g`);
  await db.query(
    `insert into products (category_id, name, subtitle, images, position, launch_starts_at, launch_ends_at)
     select 1 + g % 8, '商品' || g, '压测商品', array['/catalog-images/p' || g || '.svg'], g,
       case when g % 20 = 0 then now() - interval '1 day' end, case when g % 20 = 0 then now() + interval '10 days' end
     from generate_series(1, $1) g`,
    [PRODUCTS],
  );
  await db.query(
    `insert into product_skus (product_id, size, color, price_fen, stock)
     select p.id, s.size, '黑色', 9900 + (p.id % 50) * 1000, 1000000 from products p, unnest(array['S', 'M', 'L', 'XL']) as s(size)`,
  );
  await db.query(
    `insert into flash_sales (product_id, price_fen, stock, per_member_limit, starts_at, ends_at)
     values (1, 4900, 1000000, 1000000, now() - interval '1 hour', now() + interval '2 hours'),
            (2, 5900, 100, 1, now() + interval '3 hours', now() + interval '5 hours')`,
  );
  const ids = async (sql: string) => (await db.query<{ id: string }>(sql)).rows.map((r) => r.id);
  const out = {
    categories: await ids('select id from categories'),
    products: await ids('select id from products'),
    skus: await ids('select id from product_skus'),
    tokens: await tokensFor(db, secret, 'shop', MEMBERS),
    // Beside the tokens: member shop-(i + 1)'s address.
    addresses: await ids(
      `select a.id from generate_series(1, ${MEMBERS}) g join members m on m.openid = 'shop-' || g join addresses a on a.member_id = m.id order by g`,
    ),
  };
  await db.close();
  return out;
}

async function main() {
  const secret = crypto.randomBytes(32).toString('hex');
  const catalog = await seed(secret);
  const tokens = catalog.tokens;
  const server = await startServer(secret, benchUrl.toString());
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

  function call(fn: string, token: string, body: object): Promise<{ ok: boolean; error?: { code: string } }> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        `${server.url}/api/fn/${fn}`,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve(JSON.parse(text)));
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify(body));
    });
  }

  // What a browsing member does, weighted like a shop: mostly looking, sometimes buying.
  const actions: Array<{ name: string; weight: number; body: (member: number) => [string, object] }> = [
    { name: 'catalog.home', weight: 3, body: () => ['catalog', { action: 'home' }] },
    { name: 'catalog.list', weight: 3, body: () => ['catalog', { action: 'list', categoryId: pick(catalog.categories) }] },
    { name: 'catalog.detail', weight: 4, body: () => ['catalog', { action: 'detail', productId: pick(catalog.products) }] },
    { name: 'order.quote', weight: 2, body: () => ['order', { action: 'quote', skuId: pick(catalog.skus), qty: 1 }] },
    {
      name: 'order.create',
      weight: 1,
      body: (member) => ['order', { action: 'create', skuId: pick(catalog.skus), qty: 1, addressId: catalog.addresses[member], requestId: crypto.randomUUID() }],
    },
  ];
  const wheel = actions.flatMap((a) => Array.from({ length: a.weight }, () => a));
  const latencies = new Map(actions.map((a) => [a.name, [] as number[]]));
  let failures = 0;
  let done = 0;

  async function once(): Promise<void> {
    const action = pick(wheel);
    const member = Math.floor(Math.random() * tokens.length);
    const [fn, body] = action.body(member);
    const started = performance.now();
    const answer = await call(fn, tokens[member]!, body);
    latencies.get(action.name)!.push(performance.now() - started);
    done++;
    if (!answer.ok) failures++;
  }

  console.log('app: warming up …');
  for (let i = 0; i < 300; i++) await once();

  /** Runs the members for SECONDS; `thinkMs` is each member's pause between taps (jittered). */
  async function phase(title: string, thinkMs: number) {
    for (const l of latencies.values()) l.length = 0;
    done = 0;
    failures = 0;
    console.log(`app: ${title}, ${SECONDS} s …`);
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    const progress = setInterval(() => {
      const elapsed = (performance.now() - started) / 1000;
      console.log(`  ${elapsed.toFixed(0)} s: ${done} calls (${(done / elapsed).toFixed(0)}/s)`);
    }, 5000);
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        // Members arrive at their own moments, not all on the same tick.
        if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * Math.random()));
        while (performance.now() < deadline) {
          await once();
          if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
        }
      }),
    );
    clearInterval(progress);
    const elapsed = (performance.now() - started) / 1000;
    const lines = [`calls: ${done} in ${elapsed.toFixed(1)} s (${(done / elapsed).toFixed(0)}/s), ${failures} failed`];
    let worst = 0;
    for (const [name, values] of latencies) {
      values.sort((a, b) => a - b);
      const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(values, p));
      worst = Math.max(worst, p95!);
      lines.push(`${name.padEnd(16)} n=${String(values.length).padStart(6)}  p50 ${p50!.toFixed(1)} / p95 ${p95!.toFixed(1)} / p99 ${p99!.toFixed(1)} ms`);
    }
    return { lines, worst, failures };
  }

  const members = await phase(`${CLIENTS} members, about 1 s between taps`, 1000);
  const saturated = await phase(`${CLIENTS} calls always in flight`, 0);
  server.stop();
  agent.destroy();

  console.log(`\n=== shop latency, ${CLIENTS} members at their pace (Node server → PostgreSQL) ===`);
  for (const line of members.lines) console.log(line);
  console.log(`worst p95: ${members.worst.toFixed(1)} ms  (goal ≤ 50 ms: ${members.worst <= 50 ? 'met' : 'MISSED'})`);
  console.log(`\n=== shop under saturation, ${CLIENTS} calls in flight ===`);
  for (const line of saturated.lines) console.log(line);
  if (members.failures + saturated.failures > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
