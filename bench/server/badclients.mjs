// badclients.mjs -- the soak's second front (beside wrk and soak.lua):
// clients wrk cannot be. For SECONDS it keeps running, on raw sockets to
// 127.0.0.1 only:
//   stalled   half a request, then silence      -> closed by the idle timeout
//   trickle   a header byte every 500 ms         -> closed by the headers' deadline
//   hugebody  a real body over the limit, declared (Content-Length) and
//             chunked                            -> 413 (or closed while draining)
//   junk      malformed request lines, versions, chunk sizes, binary
//                                                -> 4xx/505 or closed, never 5xx
//   traversal /../, %2e%2e, %2f, backslashes, NUL -> 400/404, nothing outside web/
//   token     ingest with a wrong or no token   -> 401
// and prints one line: "badclients {json}" with, per kind, how many were
// tried and how many behaved; exits 1 if any misbehaved.
//
// usage: node badclients.mjs URL SECONDS TIMEOUT_S MAX_BODY [TOKEN]
import net from 'node:net';

const [url, secsArg, timeoutArg, maxBodyArg, token = 'no-token-given'] = process.argv.slice(2);
const u = new URL(url);
const port = Number(u.port);
const until = Date.now() + Number(secsArg) * 1000;
const timeoutMs = Number(timeoutArg) * 1000;
const maxBody = Number(maxBodyArg);
const tally = {};
const bad = [];
function count(kind, ok, why) {
  const t = (tally[kind] ||= { tried: 0, ok: 0 });
  t.tried++;
  if (ok) t.ok++;
  else if (bad.length < 20) bad.push(`${kind}: ${why}`);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const statusOf = (raw) => { const m = raw.match(/^HTTP\/1\.[01] (\d{3})/); return m ? Number(m[1]) : 0; };

// Open a socket, send `head` now and `drip` a byte every `every` ms, or
// `body` (Buffer/string, written in pieces); resolve {ms, got} on close
// (ms = -1 when still open after maxMs).
function client({ head = '', drip = '', every = 500, body = null, maxMs = 60000 }) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const sock = net.connect(port, '127.0.0.1');
    let got = '', i = 0, iv = null, done = false;
    const finish = (ms) => { if (done) return; done = true; clearInterval(iv); clearTimeout(cap); sock.destroy(); resolve({ ms, got }); };
    const cap = setTimeout(() => finish(-1), maxMs);
    sock.on('connect', () => {
      sock.write(head);
      if (body) sock.end(body);
      else if (drip) iv = setInterval(() => { if (i < drip.length) sock.write(drip[i++]); }, every);
    });
    sock.on('data', (d) => { got += d.toString('latin1'); });
    sock.on('error', () => {});
    sock.on('close', () => finish(Date.now() - t0));
  });
}

async function slowLane() {
  const running = new Set();
  while (Date.now() < until) {
    if (running.size < 16) {
      const a = client({ head: 'GET /health HTTP/1.1\r\nHost: x\r\n', maxMs: timeoutMs + 10000 }).then((r) => {
        count('stalled', r.ms > 0 && r.ms < timeoutMs + 6000 && statusOf(r.got) !== 200, `closed after ${r.ms} ms`);
      });
      const b = client({ head: 'GET /health HTTP/1.1\r\nHost: x\r\n', drip: 'X-Slow: ' + 'a'.repeat(4000), every: 500, maxMs: timeoutMs + 10000 }).then((r) => {
        count('trickle', r.ms > 0 && r.ms < timeoutMs + 3000 && statusOf(r.got) === 0, `closed after ${r.ms} ms, answered ${statusOf(r.got)}`);
      });
      for (const p of [a, b]) { running.add(p); p.then(() => running.delete(p)); }
    }
    await sleep(2000);
  }
  await Promise.all(running);
}

async function hugeBodyLane() {
  const big = Buffer.alloc(maxBody + 4096, 'z');
  while (Date.now() < until) {
    // the headers alone: refused on the declared length, before any body
    let r = await client({ head: `POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Length: ${big.length}\r\nConnection: close\r\n\r\n`, maxMs: 30000 });
    count('hugebody', statusOf(r.got) === 413, `declared, headers only: ${statusOf(r.got)} after ${r.ms} ms`);
    // with the body sent at once: 413, or the connection reset under the
    // body the server will not read (the 413 can be lost with the reset)
    r = await client({ head: `POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Length: ${big.length}\r\nConnection: close\r\n\r\n`, body: big, maxMs: 30000 });
    count('hugebody', statusOf(r.got) === 413 || (r.ms >= 0 && r.got === ''), `declared: ${statusOf(r.got)} after ${r.ms} ms`);
    const chunks = [];
    for (let left = big.length; left > 0; left -= 0x10000) {
      const n = Math.min(left, 0x10000);
      chunks.push(Buffer.from(n.toString(16) + '\r\n'), big.subarray(0, n), Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from('0\r\n\r\n'));
    r = await client({ head: `POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
      'Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n', body: Buffer.concat(chunks), maxMs: 30000 });
    count('hugebody', statusOf(r.got) === 413 || (r.ms >= 0 && r.got === ''), `chunked: ${statusOf(r.got)} after ${r.ms} ms`);
    await sleep(4000);
  }
}

const JUNK = [
  'GARBAGE\r\n\r\n', 'GET\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n',
  'POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n',
  'GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /api/v1/search?q=%e0%80%ff HTTP/1.1\r\nHost: x\r\n\r\n',
  '\x00\x01\x02\xff\xfe\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
  'GET / HTTP/1.1\r\n' + 'H: v\r\n'.repeat(5000) + '\r\n', 'GET / HTTP/1.1\r\nHost: x\r\n\tfolded\r\n\r\n',
  'GET /api/v1/search?q=' + 'q'.repeat(9000) + ' HTTP/1.1\r\nHost: x\r\n\r\n', 'GET  /  HTTP/1.1\r\n\r\n',
];
const TRAVERSAL = ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd',
  '/.%2e/.%2e/etc/passwd', '/%2fetc%2fpasswd', '//etc/passwd', '/.gitignore', '/app.js%00.html', '/..\\..\\etc\\passwd',
  '/web/../../etc/passwd', '/%252e%252e/etc/passwd'];

async function junkLane() {
  let k = 0;
  while (Date.now() < until) {
    const j = JUNK[k % JUNK.length];
    const r = await client({ head: j, maxMs: timeoutMs + 10000 });
    const st = statusOf(r.got);
    count('junk', st === 0 || (st >= 400 && st < 500) || st === 505 || st === 200, `${JSON.stringify(j.slice(0, 30))} -> ${st}`);
    const p = TRAVERSAL[k % TRAVERSAL.length];
    const t = await client({ head: `GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, maxMs: 10000 });
    const ts = statusOf(t.got);
    count('traversal', (ts === 404 || ts === 400) && !/root:/.test(t.got), `${p} -> ${ts}`);
    for (const auth of ['', 'Authorization: Bearer wrong-token\r\n', `Authorization: Bearer ${token}x\r\n`]) {
      const body = 'Tiêu đề soakwrongtoken\n\nkhông được ghi.';
      const w = await client({ head: `POST /api/v1/ingest?format=text HTTP/1.1\r\nHost: x\r\n${auth}` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`, maxMs: 10000 });
      count('token', statusOf(w.got) === 401, `${auth.trim() || 'no token'} -> ${statusOf(w.got)}`);
    }
    k++;
    await sleep(100);
  }
}

await Promise.all([slowLane(), hugeBodyLane(), junkLane()]);
const allOk = Object.values(tally).every((t) => t.ok === t.tried && t.tried > 0);
console.log('badclients ' + JSON.stringify(tally));
for (const b of bad) console.log('  misbehaved: ' + b);
process.exit(allOk ? 0 : 1);
