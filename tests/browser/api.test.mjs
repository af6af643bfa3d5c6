// api.test.mjs -- `hoso serve` over real sockets: limits, bad input,
// the token, static files, metrics, graceful SIGTERM. Runs the server
// binary named by $HOSO_BIN (the ASan build under `make test`) on the
// archive $HOSO_TEST_DB, and checks it exits cleanly with nothing from
// the sanitizers on stderr.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import { startServer, stopServer, rawHttp, statusOf, getJson } from './lib.mjs';

const BIN = process.env.HOSO_BIN;
const DB = process.env.HOSO_TEST_DB;
const TOKEN = 'test-token-' + Math.random().toString(36).slice(2);
let s;

before(async () => {
  assert.ok(BIN && DB, 'HOSO_BIN and HOSO_TEST_DB must be set (run via scripts/test-browser.sh)');
  s = await startServer({ bin: BIN, db: DB, token: TOKEN, extra: ['--max-body', '65536'] });
});

after(async () => {
  const r = await stopServer(s);
  assert.equal(r.code, 0, 'server exit code after SIGTERM; stderr:\n' + r.stderr);
  assert.doesNotMatch(r.stderr, /AddressSanitizer|runtime error|LeakSanitizer/, r.stderr);
  assert.match(r.stdout, /stopped on SIGTERM/);
});

test('health and API index answer JSON', async () => {
  const h = await getJson(s.url + 'health');
  assert.equal(h.status, 200);
  assert.equal(h.json.status, 'ok');
  assert.equal(h.json.archive, true);
  const i = await getJson(s.url + 'api/v1');
  assert.equal(i.status, 200);
  assert.equal(i.json.limits.max_body_bytes, 65536);
  assert.equal(i.json.writable, true);
});

test('unknown routes are 404 JSON, wrong methods 405', async () => {
  for (const p of ['api/v1/nope', 'api/v2/search', 'api', 'no-such-page.html']) {
    const r = await getJson(s.url + p);
    assert.equal(r.status, 404, p);
    assert.equal(r.json.error.status, 404, p);
    assert.match(r.headers.get('content-type'), /application\/json/);
  }
  const r = await getJson(s.url + 'api/v1/search', { method: 'POST', body: 'x' });
  assert.equal(r.status, 405);
  assert.equal((await getJson(s.url + 'health', { method: 'DELETE' })).status, 405);
});

test('static files: types, and no way out of web/', async () => {
  const idx = await fetch(s.url);
  assert.equal(idx.status, 200);
  assert.match(idx.headers.get('content-type'), /^text\/html/);
  assert.match(idx.headers.get('content-security-policy'), /script-src 'self'/);
  assert.equal(idx.headers.get('x-content-type-options'), 'nosniff');
  const js = await fetch(s.url + 'app.js');
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /^text\/javascript/);
  const css = await fetch(s.url + 'app.css');
  assert.match(css.headers.get('content-type'), /^text\/css/);
  for (const p of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd',
    '/.%2e/.%2e/etc/passwd', '/%2fetc%2fpasswd', '//etc/passwd', '/.gitignore', '/app.js%00.html', '/..\\..\\etc\\passwd']) {
    const raw = await rawHttp(s.url, `GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    const st = statusOf(raw);
    assert.ok(st === 404 || st === 400, `${p} -> ${st}`);
    assert.doesNotMatch(raw, /root:/, p);
  }
});

test('limits: 431 headers, 414 target, 413 body, 400 params', async () => {
  const big = 'a'.repeat(40000);
  let raw = await rawHttp(s.url, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${big}\r\nConnection: close\r\n\r\n`);
  assert.equal(statusOf(raw), 431);
  raw = await rawHttp(s.url, `GET /api/v1/search?q=${'b'.repeat(9000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  assert.ok([414, 431].includes(statusOf(raw)), raw.slice(0, 40));
  const auth = { Authorization: 'Bearer ' + TOKEN };
  let r = await getJson(s.url + 'api/v1/ingest', { method: 'POST', headers: auth, body: 'x'.repeat(70000) });
  assert.equal(r.status, 413);
  // chunked, no Content-Length: drained and refused at the end
  raw = await rawHttp(s.url, `POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\n` +
    `Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n` + `8000\r\n${'y'.repeat(0x8000)}\r\n`.repeat(3) + '0\r\n\r\n');
  assert.equal(statusOf(raw), 413);
  r = await getJson(s.url + 'api/v1/search?q=x&limit=1000');
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /limit/);
  r = await getJson(s.url + 'api/v1/search?' + Array.from({ length: 40 }, (_, i) => `p${i}=1`).join('&'));
  assert.equal(r.status, 400);
  r = await getJson(s.url + 'api/v1/search?q=' + 'c'.repeat(3000));
  assert.equal(r.status, 400);
});

test('malformed HTTP never crashes the server', async () => {
  const junk = [
    'GARBAGE\r\n\r\n', 'GET\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n',
    'POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n',
    'GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /?q=%e0%80 HTTP/1.1\r\nHost: x\r\n\r\n',
    '\x00\x01\x02\xff\xfe\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'GET / HTTP/1.1\r\n' + 'H: v\r\n'.repeat(5000) + '\r\n',
  ];
  for (const j of junk) {
    const raw = await rawHttp(s.url, j, { idleMs: 2500 });
    const st = statusOf(raw);
    assert.ok(st === 0 || (st >= 400 && st < 500) || st === 505 || st === 200, `${JSON.stringify(j.slice(0, 30))} -> ${st}`);
  }
  assert.equal((await getJson(s.url + 'health')).status, 200);
});

// A client on a raw socket that sends `head` at once, then `drip` one
// byte every `every` ms; resolves with the ms until the server closed it
// (-1 if still open after `maxMs`) and what it answered.
function dripClient(port, head, drip, every, maxMs) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const sock = net.connect(port, '127.0.0.1');
    let got = '', i = 0, iv = null, done = false;
    const finish = (v) => { if (done) return; done = true; clearInterval(iv); sock.destroy(); resolve({ ms: v, got }); };
    sock.on('connect', () => {
      sock.write(head);
      iv = setInterval(() => { if (i < drip.length) sock.write(drip[i++]); }, every);
    });
    sock.on('data', (d) => { got += d; });
    sock.on('error', () => {});
    sock.on('close', () => finish(Date.now() - t0));
    setTimeout(() => finish(-1), maxMs);
  });
}

test('slow clients are cut: stalled, trickling headers, trickling bodies', async () => {
  const s2 = await startServer({ bin: BIN, db: DB, token: TOKEN, extra: ['--timeout', '2'] });
  const port = Number(new URL(s2.url).port);
  const [stalled, trickle, body, idle] = await Promise.all([
    // sends half a request and stops: the idle timeout
    dripClient(port, 'GET /health HTTP/1.1\r\nHost: x\r\n', '', 1000, 12000),
    // a byte of header every 400 ms never goes idle: the headers' deadline (2 s)
    dripClient(port, 'GET /health HTTP/1.1\r\nHost: x\r\n', 'X-Slow: ' + 'a'.repeat(200), 400, 12000),
    // headers at once, then the body a byte every 400 ms: the body's deadline (4 x 2 s)
    dripClient(port, `POST /api/v1/ingest?format=text HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\n` +
      'Content-Length: 400\r\n\r\n', 'b'.repeat(400), 400, 16000),
    // a keep-alive client asking every 600 ms is never cut while it asks
    (async () => {
      const sock = net.connect(port, '127.0.0.1');
      await new Promise((r) => sock.on('connect', r));
      let got = '';
      sock.on('data', (d) => { got += d; });
      sock.on('error', () => {});
      for (let k = 0; k < 8; k++) {
        sock.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
        await new Promise((r) => setTimeout(r, 600));
      }
      sock.destroy();
      return (got.match(/HTTP\/1\.1 200/g) || []).length;
    })(),
  ]);
  const metrics = await (await fetch(s2.url + 'metrics')).text();
  const health = await getJson(s2.url + 'health');
  assert.equal((await stopServer(s2)).code, 0);
  assert.ok(stalled.ms > 1500 && stalled.ms < 9000, `stalled client closed after ${stalled.ms} ms (timeout 2 s)`);
  assert.ok(trickle.ms > 1500 && trickle.ms < 5000, `trickling headers closed after ${trickle.ms} ms (deadline 2 s)`);
  assert.equal(statusOf(trickle.got), 0, 'nothing answered to a request that never arrived');
  assert.ok(body.ms > 7000 && body.ms < 12500, `trickling body closed after ${body.ms} ms (deadline 8 s)`);
  assert.equal(idle, 8, 'every request of the keep-alive client answered');
  assert.equal(health.status, 200);
  const cut = Number(metrics.match(/^hoso_http_slow_clients_cut_total (\d+)$/m)[1]);
  assert.ok(cut >= 2, `trickling clients counted as cut: ${cut}`);
  // the trickled ingest wrote nothing
  const found = await getJson(s.url + 'api/v1/search?q=' + 'b'.repeat(40));
  assert.equal(found.json.total, 0);
});

test('query strings full of FTS5 syntax are answered, not crashed on', async () => {
  const qs = ['"unbalanced', 'NEAR(a b', '*', 'a:b', '^x', 'AND OR NOT', '(((', 'col:"x" NOT', "' OR 1=1 --",
    '"a" "b" *c* -', '-', '""', 'x'.repeat(2000), 'quoc phong OR', '\u0000'];
  for (const q of qs) {
    const r = await getJson(s.url + 'api/v1/search?q=' + encodeURIComponent(q));
    assert.ok(r.status === 200 || r.status === 400, `${JSON.stringify(q.slice(0, 20))} -> ${r.status} ${r.text.slice(0, 100)}`);
    assert.ok(r.json, 'JSON body');
  }
  assert.equal((await getJson(s.url + 'health')).status, 200);
});

test('search answers as the CLI does: same query language, filters, facets and paging', async () => {
  const cases = [
    [{ q: 'quoc phong' }, []],
    [{ q: '"bộ quốc phòng"', limit: '2', offset: '2' }, ['--limit', '2', '--offset', '2']],
    [{ q: 'nga OR campuchia', from: '2003', to: '2021-06' }, ['--from', '2003', '--to', '2021-06']],
    [{ q: 'hop tac -kinh', from: '2005' }, ['--from', '2005']],
    [{ q: 'Nga', outlet: 'baonga.com', sort: 'recent' }, ['--outlet', 'baonga.com', '--fresh']],
    [{ q: 'quoc*', person: 'luong cuong', facets: '0' }, ['--person', 'luong cuong', '--no-facets']],
    [{ q: 'viet nam', type: 'visit', per: 'article', sort: 'sources' }, ['--type', 'visit', '--articles', '--sources']],
    [{ q: 'quân đội', org: 'Bộ Quốc phòng', lang: 'vi', limit: '3' }, ['--org', 'Bộ Quốc phòng', '--lang', 'vi', '--limit', '3']],
  ];
  for (const [params, flags] of cases) {
    const api = await getJson(s.url + 'api/v1/search?' + new URLSearchParams(params));
    assert.equal(api.status, 200, api.text);
    const cli = execFileSync(BIN, ['search', '--db', DB, '--json', ...flags, params.q], {
      encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } });
    assert.deepEqual(api.json, JSON.parse(cli), JSON.stringify(params));
    assert.ok(api.json.results.length > 0, `${JSON.stringify(params)} finds something`);
  }
});

test('ingest: wrong or missing token is 401 and writes nothing', async () => {
  const before = await getJson(s.url + 'api/v1/stats');
  assert.equal(before.status, 200);
  const page = '<html><head><title>Token test page</title></head><body><p>tokentestword</p></body></html>';
  for (const headers of [{}, { Authorization: 'Bearer wrong' }, { Authorization: 'Bearer ' + TOKEN + 'x' },
    { Authorization: TOKEN }, { Authorization: 'Basic ' + TOKEN }]) {
    const r = await getJson(s.url + 'api/v1/ingest', { method: 'POST', headers, body: page });
    assert.equal(r.status, 401, JSON.stringify(headers));
    assert.match(r.headers.get('www-authenticate') || '', /Bearer/);
  }
  const after = await getJson(s.url + 'api/v1/stats');
  assert.deepEqual(after.json, before.json);
});

test('metrics: Prometheus text with requests, latencies, archive size', async () => {
  const r = await fetch(s.url + 'metrics');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const t = await r.text();
  assert.match(t, /^hoso_http_requests_total\{route="health",code="2xx"\} \d+$/m);
  assert.match(t, /^hoso_http_request_duration_seconds_bucket\{route="health",le="\+Inf"\} \d+$/m);
  assert.match(t, /^hoso_archive_bytes [1-9]\d*$/m);
  // the answer cache: the same search twice is one miss then one hit, same bytes
  const hits = (x) => Number(x.match(/^hoso_cache_hits_total (\d+)$/m)[1]);
  const h0 = hits(t);
  const a = await getJson(s.url + 'api/v1/search?q=cachetest+quoc&limit=3');
  const b = await getJson(s.url + 'api/v1/search?q=cachetest+quoc&limit=3');
  assert.equal(a.text, b.text);
  const t2 = await (await fetch(s.url + 'metrics')).text();
  assert.equal(hits(t2), h0 + 1);
});

test('export streams every result as JSON Lines or CSV', async () => {
  const search = await getJson(s.url + 'api/v1/search?q=quoc+phong&limit=1&facets=0');
  assert.equal(search.status, 200);
  const jl = await fetch(s.url + 'api/v1/export?q=quoc+phong');
  assert.equal(jl.status, 200);
  assert.match(jl.headers.get('content-type'), /^application\/x-ndjson/);
  assert.match(jl.headers.get('content-disposition'), /attachment/);
  const lines = (await jl.text()).split('\n').filter(Boolean);
  assert.equal(lines.length, search.json.articles, 'one line per matching article');
  for (const l of lines) assert.ok(JSON.parse(l).id > 0);
  const csv = await fetch(s.url + 'api/v1/export?format=csv&q=quoc+phong');
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const body = await csv.text();
  assert.match(body.split('\n')[0], /^id,/);
  const all = await fetch(s.url + 'api/v1/export');
  const stats = await getJson(s.url + 'api/v1/stats');
  assert.equal((await all.text()).split('\n').filter(Boolean).length, stats.json.articles, 'no cap');
  assert.equal((await getJson(s.url + 'api/v1/export?format=xml')).status, 400);
  // clients that go away mid-stream: the export stops, nothing leaks (checked at exit)
  for (let i = 0; i < 3; i++) {
    const ac = new AbortController();
    const r = await fetch(s.url + 'api/v1/export', { signal: ac.signal });
    const reader = r.body.getReader();
    await reader.read();
    ac.abort();
    await reader.read().catch(() => {});
  }
  assert.equal((await getJson(s.url + 'health')).status, 200);
});

test('timeline: the country pair is filtered by the server', async () => {
  const all = await getJson(s.url + 'api/v1/timeline?limit=100');
  assert.equal(all.status, 200);
  for (const pair of ['RU-VN', 'VN,RU', 'RU–VN']) {
    const r = await getJson(s.url + 'api/v1/timeline?limit=100&pair=' + encodeURIComponent(pair));
    assert.equal(r.status, 200, pair);
    assert.ok(r.json.total > 0, 'the seed reports are Việt Nam–Nga events');
    assert.ok(r.json.total < all.json.total, `${r.json.total} of ${all.json.total}: the filter drops some`);
    assert.equal(r.json.events.length, Math.min(r.json.total, 100));
    for (const e of r.json.events) {
      const text = [e.place, e.summary, ...(e.participants || []).flatMap((p) => [p.name, p.title])].join(' ').toLowerCase();
      assert.match(text, /việt nam|vietnam|вьетнам/, JSON.stringify(e).slice(0, 300));
      assert.match(text, /(^|[^\p{L}])(nga|liên bang nga|russia|росси)/u, JSON.stringify(e).slice(0, 300));
    }
  }
  // paging follows the filtered total
  const p1 = await getJson(s.url + 'api/v1/timeline?limit=1&offset=1&pair=VN-RU');
  const p0 = await getJson(s.url + 'api/v1/timeline?limit=2&pair=VN-RU');
  if (p0.json.total > 1) assert.equal(p1.json.events[0].event, p0.json.events[1].event);
  for (const bad of ['VN', 'VN-VN', 'XX-RU', 'vn-ru', 'VN-RU-CN']) {
    const r = await getJson(s.url + 'api/v1/timeline?pair=' + encodeURIComponent(bad));
    assert.equal(r.status, 400, bad);
    assert.match(r.json.error.message, /pair/);
  }
});

test('exports stream whole beside searches (the worker parks, the export thread wakes it)', async () => {
  // four exports of everything, read slowly, and searches in between
  const started = [];
  for (let i = 0; i < 4; i++) started.push(fetch(s.url + 'api/v1/export?format=jsonl'));
  for (let i = 0; i < 5; i++) {
    const r = await getJson(s.url + 'api/v1/search?q=quoc%20phong&limit=1');
    assert.equal(r.status, 200);
  }
  const stats = await getJson(s.url + 'api/v1/stats');
  for (const p of started) {
    const res = await p;
    assert.equal(res.status, 200);
    const lines = (await res.text()).split('\n').filter(Boolean);
    assert.equal(lines.length, stats.json.articles, 'every article, whole');
  }
});

test('ingest with the token adds the page', async () => {
  const marker = 'ingestmarker' + Math.floor(Math.random() * 1e6);
  const before = await getJson(s.url + 'api/v1/stats');
  const r = await getJson(s.url + 'api/v1/ingest?format=text', { method: 'POST', headers: { Authorization: 'Bearer ' + TOKEN },
    body: `Tiêu đề ${marker}\n\nBộ Quốc phòng ${marker} thông báo.` });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.added, 1);
  const after = await getJson(s.url + 'api/v1/stats');
  assert.equal(after.json.articles, before.json.articles + 1);
  const found = await getJson(s.url + 'api/v1/search?q=' + marker);
  assert.equal(found.json.total, 1);
  assert.equal((await getJson(s.url + 'api/v1/ingest', { method: 'POST', headers: { Authorization: 'Bearer ' + TOKEN }, body: '' })).status, 400);
});

test('ingest takes WARC and JSON Lines batches in the body', async () => {
  const auth = { Authorization: 'Bearer ' + TOKEN };
  const m = 'warcmarker' + Math.floor(Math.random() * 1e6);
  const page = (k) => `<html><head><title>Trang ${m} số ${k}</title></head><body><article><h1>Trang ${m} số ${k}</h1>` +
    `<p>Đoạn thứ nhất của trang ${k} có ${m} và đủ chữ để là thân bài báo mà bộ trích xuất giữ lại, thêm vài câu nữa cho chắc.</p>` +
    `<p>Đoạn thứ hai của trang ${k} cũng đủ dài để bộ trích xuất coi đây là một bài báo thật sự, có nhiều chữ hơn nữa.</p></article></body></html>`;
  const record = (k) => {
    const http = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${page(k)}`);
    return Buffer.concat([Buffer.from(`WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.invalid/${m}/${k}\r\n` +
      `Content-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`), http, Buffer.from('\r\n\r\n')]);
  };
  const before = (await getJson(s.url + 'api/v1/stats')).json;
  let r = await getJson(s.url + 'api/v1/ingest?format=warc', { method: 'POST', headers: auth, body: Buffer.concat([record(1), record(2)]) });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.seen, 2, r.text);
  assert.equal(r.json.added, 2, r.text);
  const lines = [3, 4].map((k) => JSON.stringify({ url: `https://example.invalid/${m}/${k}`, html: page(k) })).join('\n') + '\n';
  r = await getJson(s.url + 'api/v1/ingest?format=jsonl', { method: 'POST', headers: auth, body: lines });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.added, 2, r.text);
  const after = (await getJson(s.url + 'api/v1/stats')).json;
  assert.equal(after.articles, before.articles + 4);
  const found = await getJson(s.url + 'api/v1/search?limit=10&q=' + m);
  assert.equal(found.json.articles ?? found.json.total, 4, found.text.slice(0, 300));
});

test('SIGTERM lets an ingest in flight finish and the archive keeps it', async () => {
  const s2 = await startServer({ bin: BIN, db: DB, token: TOKEN });
  const before = await getJson(s2.url + 'api/v1/stats');
  const marker = 'gracefulmarker' + Math.floor(Math.random() * 1e6);
  const body = Buffer.from(`Tiêu đề ${marker}\n\nBài viết về quốc phòng ${marker}.`);
  const u = new URL(s2.url);
  const reply = new Promise((resolve) => {
    const sock = net.connect(Number(u.port), '127.0.0.1');
    let got = '';
    sock.on('data', (d) => { got += d; });
    sock.on('error', () => {});
    sock.on('close', () => resolve(got));
    sock.on('connect', () => {
      sock.write(`POST /api/v1/ingest?format=text HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\n` +
        `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
      sock.write(body.subarray(0, 10));
      setTimeout(() => { s2.proc.kill('SIGTERM'); }, 300);   // mid-request
      setTimeout(() => { sock.write(body.subarray(10)); }, 900);
    });
  });
  const raw = await reply;
  assert.equal(statusOf(raw), 200, raw.slice(0, 200)); // answered, not cut
  assert.match(raw, /"added":1/);
  const r = await stopServer(s2);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /stopped on SIGTERM \(0 requests cut\)/);
  await assert.rejects(fetch(s2.url + 'health')); // no longer listening
  // the archive has it after a restart
  const s3 = await startServer({ bin: BIN, db: DB });
  const after = await getJson(s3.url + 'api/v1/stats');
  const found = await getJson(s3.url + 'api/v1/search?q=' + marker);
  await stopServer(s3);
  assert.equal(after.json.articles, before.json.articles + 1);
  assert.equal(found.json.total, 1);
});

test('SIGTERM lets requests in flight finish (searches queued on open connections, an export); new connections refused', async () => {
  const s2 = await startServer({ bin: BIN, db: DB, extra: ['--cache-mb', '0'] });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 9 });
  const get = (path) => new Promise((resolve, reject) => {
    http.get(s2.url + path, { agent }, (r) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (d) => { body += d; });
      r.on('end', () => resolve({ status: r.statusCode, body, connection: r.headers.connection }));
      r.on('error', reject);
    }).on('error', reject);
  });
  try {
    const stats = JSON.parse((await get('api/v1/stats')).body);
    // nine connections open and idle, then a search on eight of them (two
    // workers: most wait their turn) and an export on the ninth, then the
    // signal (a connection not yet accepted when it comes is refused)
    await Promise.all(Array.from({ length: 9 }, () => get('health')));
    const qs = ['quốc phòng', 'hợp tác', 'Nga', 'hoi dam', 'ky ket', 'Việt Nam', 'quan doi', 'bo quoc phong'];
    const searches = qs.map((q) => get('api/v1/search?limit=20&q=' + encodeURIComponent(q)));
    const exp = get('api/v1/export');
    await new Promise((r) => setTimeout(r, 15));
    s2.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 50));
    await assert.rejects(fetch(s2.url + 'health'), 'no new connections after SIGTERM');
    const answers = await Promise.all(searches);
    for (const a of answers) {
      assert.equal(a.status, 200, a.body.slice(0, 200));
      assert.ok(Array.isArray(JSON.parse(a.body).results));
    }
    assert.ok(answers.some((a) => a.connection === 'close'), 'some searches were answered after the signal (Connection: close)');
    const e = await exp;
    assert.equal(e.status, 200);
    assert.equal(e.body.split('\n').filter(Boolean).length, stats.articles, 'the export finished whole');
    const st = await stopServer(s2);
    assert.equal(st.code, 0, st.stderr);
    assert.match(st.stdout, /stopped on SIGTERM \(0 requests cut\)/);
    assert.doesNotMatch(st.stderr, /AddressSanitizer|runtime error|LeakSanitizer/, st.stderr);
  } finally {
    agent.destroy();
    if (s2.proc.exitCode === null) s2.proc.kill('SIGKILL');
  }
});

test('metrics: every line is valid Prometheus text; counters and histograms add up', async () => {
  const parse = (text) => {
    const fam = new Map(), samples = [];
    for (const line of text.split('\n')) {
      if (line === '') continue;
      let m;
      if ((m = line.match(/^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/))) {
        const f = fam.get(m[2]) || {};
        assert.equal(f[m[1]], undefined, `one ${m[1]} for ${m[2]}`);
        if (m[1] === 'TYPE') { assert.match(m[3], /^(counter|gauge|histogram)$/); assert.equal(samples.filter((x) => x.family === m[2]).length, 0, `TYPE of ${m[2]} before its samples`); }
        f[m[1]] = m[3];
        fam.set(m[2], f);
        continue;
      }
      m = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? (-?[0-9.e+-]+|\+Inf|NaN)$/);
      assert.ok(m, `a sample line: ${line}`);
      const labels = {};
      for (const [, k, v] of (m[2] || '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
      const family = fam.has(m[1]) ? m[1] : m[1].replace(/_(bucket|sum|count)$/, '');
      assert.ok(fam.has(family) && fam.get(family).TYPE && fam.get(family).HELP, `HELP and TYPE for ${m[1]}`);
      samples.push({ name: m[1], family, labels, value: Number(m[3]) });
    }
    return { fam, samples };
  };
  const get = (p, name, labels = {}) => p.samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
  const a = parse(await (await fetch(s.url + 'metrics')).text());
  for (const [name, f] of a.fam) if (f.TYPE === 'counter') assert.match(name, /_total$/, `counter ${name} ends in _total`);
  // histograms: buckets rise with le and end at +Inf == _count; a _sum
  for (const [name, f] of a.fam) {
    if (f.TYPE !== 'histogram') continue;
    const routes = new Set(a.samples.filter((x) => x.family === name).map((x) => x.labels.route));
    for (const route of routes) {
      const b = a.samples.filter((x) => x.name === name + '_bucket' && x.labels.route === route);
      assert.equal(b[b.length - 1].labels.le, '+Inf');
      for (let i = 1; i < b.length; i++) {
        assert.ok(Number(b[i].labels.le) > Number(b[i - 1].labels.le) || b[i].labels.le === '+Inf', 'le ascending');
        assert.ok(b[i].value >= b[i - 1].value, 'cumulative');
      }
      assert.equal(b[b.length - 1].value, get(a, name + '_count', { route }).value);
      assert.ok(get(a, name + '_sum', { route }).value >= 0);
    }
  }
  // N requests more: the counter and the histogram count move by exactly N
  const N = 7;
  for (let i = 0; i < N; i++) assert.equal((await fetch(s.url + 'api/v1/suggest?q=qu')).status, 200);
  const b = parse(await (await fetch(s.url + 'metrics')).text());
  const was = (get(a, 'hoso_http_requests_total', { route: 'suggest', code: '2xx' }) || { value: 0 }).value;
  assert.equal(get(b, 'hoso_http_requests_total', { route: 'suggest', code: '2xx' }).value, was + N);
  const wasCount = (get(a, 'hoso_http_request_duration_seconds_count', { route: 'suggest' }) || { value: 0 }).value;
  assert.equal(get(b, 'hoso_http_request_duration_seconds_count', { route: 'suggest' }).value, wasCount + N);
  // the archive's size is the file's
  const size = get(b, 'hoso_archive_bytes').value;
  assert.ok(size >= fs.statSync(DB).size, `${size} vs ${fs.statSync(DB).size}`);
});
