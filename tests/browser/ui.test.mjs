// ui.test.mjs -- the web page in Debian's Chromium (Playwright), served by
// `hoso serve` on the demo archive: a toneless search, a story, a person
// link and what the person page shows, suggestions without diacritics, a
// hostile page shown escaped, the timeline, the language switch and a
// phone-width screen. A failing test leaves a screenshot in
// build/artifacts/. With HOSO_SCREENSHOTS=1 the search, timeline and
// story screenshots are also written to docs/ for the README.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, stopServer, launchChromium, getJson, ARTIFACTS, ROOT } from './lib.mjs';

const BIN = process.env.HOSO_BIN;
const DB = process.env.HOSO_TEST_DB;
const TOKEN = 'ui-token-' + Math.random().toString(36).slice(2);
let srv, browser;

const fold = (x) => (x || '').normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

before(async () => {
  assert.ok(BIN && DB, 'HOSO_BIN and HOSO_TEST_DB must be set (run via scripts/test-browser.sh)');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  srv = await startServer({ bin: BIN, db: DB, token: TOKEN });
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (srv) {
    const r = await stopServer(srv);
    assert.equal(r.code, 0, r.stderr);
  }
});

// Run fn with a fresh page; on failure save a screenshot and rethrow.
async function withPage(name, fn, viewport) {
  const page = await browser.ctx.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const problems = [];
  page.on('pageerror', (e) => problems.push('pageerror: ' + e.message));
  page.on('dialog', (d) => { problems.push('dialog opened: ' + d.message()); d.dismiss(); });
  try {
    await fn(page);
    assert.deepEqual(problems, [], 'no script errors or dialogs');
  } catch (e) {
    const shot = path.join(ARTIFACTS, `browser-${name}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    e.message += `\n(screenshot: ${path.relative(ROOT, shot)}; url ${page.url()})`;
    throw e;
  } finally {
    await page.close();
  }
}

async function saveDocShot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, name) });
  if (process.env.HOSO_SCREENSHOTS === '1') await page.screenshot({ path: path.join(ROOT, 'docs', name) });
}

// A toned query from the archive itself: the most frequent people facet
// of a broad search, or a word of a story title.
async function pickQuery() {
  const r = await getJson(srv.url + 'api/v1/search?q=' + encodeURIComponent('quốc phòng') + '&limit=1');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.total > 0, 'the demo archive has articles about "quốc phòng"');
  return 'quốc phòng';
}

test('toneless search finds what the toned search finds, highlighted', async () => {
  const toned = await pickQuery();
  const toneless = fold(toned);
  assert.notEqual(toned, toneless);
  const api = await getJson(srv.url + 'api/v1/search?limit=10&q=' + encodeURIComponent(toneless));
  const tonedRes = await getJson(srv.url + 'api/v1/search?limit=100&q=' + encodeURIComponent(toned));
  const tonelessRes = await getJson(srv.url + 'api/v1/search?limit=100&q=' + encodeURIComponent(toneless));
  assert.equal(tonelessRes.json.total, tonedRes.json.total, 'same number of stories with and without diacritics');
  const ids = (r) => r.json.results.map((x) => x.story).sort((a, b) => a - b);
  assert.deepEqual(ids(tonelessRes), ids(tonedRes), 'the same stories with and without diacritics');
  await withPage('search', async (page) => {
    await page.goto(srv.url);
    await page.fill('#q', toneless);
    await page.press('#q', 'Enter');
    await page.waitForSelector('.result');
    assert.match(page.url(), /#\/search\?q=quoc\+phong|#\/search\?q=quoc%20phong/);
    const count = await page.textContent('#result-count');
    assert.ok(count.includes(String(api.json.total)), `${count} vs total ${api.json.total}`);
    const titles = await page.$$eval('.result .story-link', (as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(titles, api.json.results.map((x) => `#/story/${x.story}`));
    // highlights show the archive's toned words for the toneless query
    const marks = await page.$$eval('.result mark', (ms) => ms.map((m) => m.textContent));
    assert.ok(marks.length > 0, 'snippets have highlights');
    assert.ok(marks.some((m) => /[ốò]/.test(m)), `toned words highlighted: ${marks.slice(0, 5)}`);
    for (const m of marks) assert.ok(['quoc', 'phong', 'quoc phong'].includes(fold(m).trim()), m);
    // outlet counts shown as in the API
    const withOutlets = api.json.results.findIndex((x) => x.n_outlets > 0);
    assert.ok(withOutlets >= 0, 'some result has an outlet');
    const badge = await page.locator('.result').nth(withOutlets).locator('.outlet-count').textContent();
    assert.ok(badge.includes(String(api.json.results[withOutlets].n_outlets)), badge);
    await saveDocShot(page, 'screenshot-search.png');
  });
});

test('a story shows its article with people marked; a person link opens the dossier', async () => {
  // find an article of the archive with a person in it, through the API
  const res = await getJson(srv.url + 'api/v1/search?limit=50&q=' + encodeURIComponent('quốc phòng'));
  let found = null;
  for (const it of res.json.results) {
    const art = await getJson(srv.url + `api/v1/article/${it.article.id}`);
    const person = (art.json.entities || []).find((e) => e.kind === 'person');
    if (person) { found = { story: it.story, article: it.article.id, person, art: art.json }; break; }
  }
  assert.ok(found, 'some article of the demo archive has a recognised person');
  await withPage('story', async (page) => {
    await page.goto(srv.url + `#/story/${found.story}?a=${found.article}`);
    await page.waitForSelector('#article-text');
    const text = await page.textContent('#article-text');
    assert.equal(text, found.art.text, 'the article text is shown whole, as stored');
    const sources = await page.$$('.sources li');
    assert.ok(sources.length >= 1);
    const link = page.locator('#article-text a.ent-person').filter({ hasText: found.person.name.split(' ').pop() }).first();
    await link.waitFor();
    const linkText = await link.textContent();
    await link.click();
    await page.waitForSelector('#dossier-name');
    assert.match(decodeURIComponent(page.url()), /#\/person\//);
    const name = await page.textContent('#dossier-name');
    assert.equal(fold(name), fold(found.person.name), `${name} vs ${linkText}`);
    // what a person sees: sections, and the article we came from among the articles
    const heads = await page.$$eval('.dossier h2', (hs) => hs.map((x) => x.textContent));
    assert.equal(heads.length, 4, heads.join(' | '));
    const arts = await page.$$eval('.dossier-articles a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(arts.length > 0, 'articles mentioning the person');
    const d = await getJson(srv.url + 'api/v1/person/' + encodeURIComponent(found.person.name) + '?limit=20');
    assert.deepEqual(arts, d.json.articles.items.map((a) => `#/article/${a.id}`));
  });
});

test('suggestions as one types, without diacritics', async () => {
  const s = await getJson(srv.url + 'api/v1/suggest?q=' + encodeURIComponent('quan') + '&limit=8');
  assert.equal(s.status, 200, s.text);
  const pick = (s.json.suggestions || []).find((x) => fold(x.name) !== x.name.toLowerCase());
  assert.ok(pick, 'a name with diacritics starting "quan" (e.g. Quân đội…)');
  const prefix = fold(pick.name).slice(0, Math.min(8, fold(pick.name).length));
  await withPage('suggest', async (page) => {
    await page.goto(srv.url);
    await page.type('#q', prefix, { delay: 20 });
    await page.waitForSelector('#suggest li');
    const items = await page.$$eval('#suggest li span:first-child', (xs) => xs.map((x) => x.textContent));
    assert.ok(items.includes(pick.name), `${pick.name} in ${items}`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /#\/(person|org|search)/.test(location.hash));
  });
});

// Open every search result for marker and check the DOM: the markup of
// the stored text is shown as text; nothing of it runs or becomes an element.
async function checkEscaped(name, marker, expected) {
  await withPage(name, async (page) => {
    await page.goto(srv.url + '#/search?q=' + marker);
    await page.waitForSelector('.result');
    assert.equal((await page.$$('.result')).length, expected);
    const shown = await page.textContent('.results');
    assert.ok(/<script>|<img|<b>/.test(shown), 'markup shown as text in the results');
    for (let i = 0; i < expected; i++) {
      await page.goto(srv.url + '#/search?q=' + marker);
      await page.waitForSelector('.result');
      await page.locator('.result .story-link').nth(i).click();
      await page.waitForSelector('#article-text');
      const body = await page.textContent('#article-text');
      assert.ok(body.includes(marker));
      assert.ok(/<script>|<img|<svg|<b>/.test(body), 'the article text keeps the markup as text: ' + body.slice(0, 200));
      const dom = await page.evaluate(() => ({
        pwned: window.__pwned,
        scripts: document.querySelectorAll('main script').length,
        elements: document.querySelectorAll('main [onerror], main [onload], main iframe, main img, main b, main svg:not(.tl-chart)').length,
        jsLinks: [...document.querySelectorAll('main a')].filter((a) => /^javascript:/i.test(a.getAttribute('href') || '')).length,
      }));
      assert.deepEqual(dom, { pwned: undefined, scripts: 0, elements: 0, jsLinks: 0 });
    }
  });
}

test('a hostile text document is shown as text, never run', async () => {
  const marker = 'xyzzytext' + Math.floor(Math.random() * 1e6);
  const text = `<script>window.__pwned=7</script> ${marker} tiêu đề <b>đậm</b>\n\nBài viết <img src=x onerror="window.__pwned=8"> ${marker} <svg onload=window.__pwned=9> và <a href="javascript:window.__pwned=10">link</a>.`;
  const r = await getJson(srv.url + 'api/v1/ingest?format=text', { method: 'POST', headers: { Authorization: 'Bearer ' + TOKEN }, body: text });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.added, 1, r.text);
  await checkEscaped('hostile-text', marker, 1);
});

test('a hostile HTML page is shown as text, never run', async () => {
  const marker = 'xyzzyhtml' + Math.floor(Math.random() * 1e6);
  const html = `<!doctype html><html><head><title>&lt;script&gt;window.__pwned=1&lt;/script&gt; ${marker} &lt;b&gt;bold&lt;/b&gt;</title></head>
<body><article><h1>&lt;script&gt;window.__pwned=1&lt;/script&gt; ${marker} &lt;img src=x onerror="window.__pwned=2"&gt;</h1>
<p>Bộ Quốc phòng ${marker} &lt;script&gt;window.__pwned=3&lt;/script&gt; và &lt;a href="javascript:window.__pwned=4"&gt;link&lt;/a&gt; cùng &lt;iframe src="//example.invalid"&gt;.</p>
<p>Đoạn thứ hai có &lt;svg onload=window.__pwned=5&gt; và ký tự &amp;amp; ${marker}, đủ dài để là một bài báo thật sự với nhiều câu chữ.</p>
<script>window.__pwned = 6;</script></article></body></html>`;
  const r = await getJson(srv.url + 'api/v1/ingest?format=html&url=' + encodeURIComponent('https://example.invalid/hostile'),
    { method: 'POST', headers: { Authorization: 'Bearer ' + TOKEN }, body: html });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.added, 1, r.text);
  await checkEscaped('hostile-html', marker, 1);
});

test('the timeline is drawn and zooms from years to months', async () => {
  const api = await getJson(srv.url + 'api/v1/timeline?limit=100');
  assert.equal(api.status, 200, api.text);
  const dated = (api.json.events || []).filter((e) => /^\d{4}/.test(e.date || ''));
  assert.ok(dated.length > 0, 'the demo archive has dated events');
  await withPage('timeline', async (page) => {
    await page.goto(srv.url + '#/timeline');
    await page.waitForSelector('#tl-chart');
    const dots = await page.$$eval('#tl-chart circle', (c) => c.length);
    assert.equal(dots, Math.min(dated.length, dots)); // every dot is an event
    assert.ok(dots > 0);
    const items = await page.$$eval('.tl-list > li', (x) => x.length);
    assert.equal(items, dated.length);
    // country pairs come from the events themselves; the seed call is Việt Nam–Nga
    const pairs = await page.$$eval('#tl-pair option', (o) => o.map((x) => x.value).filter(Boolean));
    assert.ok(pairs.includes('RU–VN'), pairs.join(','));
    await saveDocShot(page, 'screenshot-timeline.png');
    await page.selectOption('#tl-pair', 'RU–VN');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('pair=RU–VN'));
    await page.waitForSelector('#tl-chart');
    const paired = await page.$$eval('.tl-list > li', (x) => x.map((li) => li.textContent));
    assert.ok(paired.length > 0 && paired.length <= dated.length, `${paired.length} of ${dated.length}`);
    assert.ok(paired.some((x) => x.includes('Kartapolov')), 'the 2021 call is a Việt Nam–Nga event');
    await page.goto(srv.url + '#/timeline');
    await page.waitForSelector('#tl-chart');
    const year = dated[0].date.slice(0, 4);
    await page.click(`#tl-chart g.bin[data-key="${year}"]`);
    await page.waitForFunction((y) => location.hash.includes('zoom=year') && location.hash.includes('at=' + y), year);
    await page.waitForSelector('#tl-chart g.bin[data-key$="-12"]');
    const bins = await page.$$eval('#tl-chart g.bin', (g) => g.length);
    assert.equal(bins, 12, 'twelve months');
    const inYear = await page.$$eval('.tl-list > li', (x) => x.length);
    assert.equal(inYear, dated.filter((e) => e.date.startsWith(year)).length);
  });
});

// UTF-8 byte slice of a string (the API's offsets are UTF-8 bytes).
const byteSlice = (text, a, z) => Buffer.from(text, 'utf8').subarray(a, z).toString('utf8');

test('a story marks people, organisations and places, and highlights each event\'s evidence', async () => {
  // an article with an event and entities of every kind, found through the API
  const res = await getJson(srv.url + 'api/v1/search?limit=50&q=' + encodeURIComponent('quốc phòng'));
  let found = null;
  for (const it of res.json.results) {
    const art = (await getJson(srv.url + `api/v1/article/${it.article.id}`)).json;
    const kinds = new Set((art.entities || []).map((e) => e.kind));
    if ((art.events || []).length && kinds.has('person') && kinds.has('org') && kinds.has('place')) { found = { story: it.story, art }; break; }
  }
  assert.ok(found, 'the demo archive has an article with an event, a person, an organisation and a place');
  const { art } = found;
  const ents = art.entities.filter((e) => e.start >= 0 && e.end > e.start);
  // outermost entities (not inside another one) are each a link of their kind
  const outer = ents.filter((e) => !ents.some((f) => f !== e && f.start <= e.start && f.end >= e.end && (f.end - f.start) > (e.end - e.start)));
  const hrefOf = (e) => e.kind === 'person' ? `#/person/${encodeURIComponent(e.name)}` : e.kind === 'org' ? `#/org/${encodeURIComponent(e.name)}` : null;
  await withPage('story-marks', async (page) => {
    await page.goto(srv.url + `#/story/${found.story}?a=${art.id}`);
    await page.waitForSelector('#article-text');
    const links = await page.$$eval('#article-text a.ent', (as) => as.map((a) => ({ kind: a.dataset.kind, href: a.getAttribute('href'), text: a.textContent })));
    for (const kind of ['person', 'org', 'place']) assert.ok(links.some((l) => l.kind === kind), `a ${kind} is marked in the text`);
    for (const e of outer) {
      const text = byteSlice(art.text, e.start, e.end);
      const l = links.find((x) => x.kind === e.kind && text.includes(x.text) && (hrefOf(e) === null || x.href === hrefOf(e)));
      assert.ok(l, `${e.kind} "${e.name}" (${text}) marked and linked`);
      if (e.kind === 'place') assert.match(decodeURIComponent(l.href), /^#\/search\?q=/);
    }
    // every link names an entity of the API
    for (const l of links) {
      const ok = ents.some((e) => e.kind === l.kind && (hrefOf(e) === null ? decodeURIComponent(l.href.replace(/\+/g, ' ')).includes(e.name) : l.href === hrefOf(e)));
      assert.ok(ok, `link ${JSON.stringify(l)} names an entity of the article`);
    }
    // events: listed, and their evidence sentence highlighted in the text
    const items = await page.$$('ol.events > li');
    assert.equal(items.length, art.events.length);
    for (let i = 0; i < art.events.length; i++) {
      const ev = art.events[i];
      const sentence = byteSlice(art.text, ev.start, ev.end);
      const quoted = await page.locator(`ol.events > li[data-ev="${i}"] .evidence q`).textContent();
      assert.equal(quoted, sentence, 'the event cites its sentence');
      const marked = await page.$$eval(`#article-text .ev-sentence[data-ev="${i}"]`, (xs) => xs.map((x) => x.textContent).join(''));
      assert.equal(marked, sentence, 'the sentence is highlighted in the article text');
      await page.click(`ol.events > li[data-ev="${i}"]`);
      const active = await page.$$eval('#article-text .ev-sentence.active', (xs) => xs.map((x) => x.textContent).join(''));
      assert.equal(active, sentence, 'clicking the event brings its sentence forward');
    }
    await page.waitForTimeout(600); // the smooth scroll to the sentence
    await saveDocShot(page, 'screenshot-story.png');
  });
});

test('a person page shows posts over time, events and counterparts as the API has them', async () => {
  // the person of the archive with the most recognised posts
  const s = await getJson(srv.url + 'api/v1/search?limit=1&q=' + encodeURIComponent('quốc phòng'));
  const people = (s.json.facets && s.json.facets.people) || [];
  assert.ok(people.length > 0, 'people facet');
  let d = null, name = null;
  for (const p of people.slice(0, 10)) {
    const r = await getJson(srv.url + 'api/v1/person/' + encodeURIComponent(p.value) + '?limit=20');
    if (r.status === 200 && (r.json.titles || []).length && (r.json.counterparts || []).length && (r.json.events || []).length) { d = r.json; name = p.value; break; }
  }
  assert.ok(d, 'someone in the demo archive has posts, events and counterparts');
  await withPage('person', async (page) => {
    await page.goto(srv.url + '#/person/' + encodeURIComponent(name));
    await page.waitForSelector('#dossier-name');
    assert.equal(await page.textContent('#dossier-name'), d.name);
    const rows = await page.$$eval('table.titles tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    assert.equal(rows.length, d.titles.length);
    d.titles.forEach((t, i) => {
      assert.equal(rows[i][0], t.title);
      assert.equal(rows[i][1], `${(t.first || '?').slice(0, 10)} – ${(t.last || '?').slice(0, 10)}`, 'first and last seen');
    });
    const evs = await page.$$eval('.dossier ol.events > li', (x) => x.length);
    assert.equal(evs, d.events.length);
    const cps = await page.$$eval('ul.counterparts a', (as) => as.map((a) => a.textContent));
    assert.deepEqual(cps, d.counterparts.map((c) => c.name));
    // a counterpart opens their own page
    await page.click('ul.counterparts a >> nth=0');
    await page.waitForFunction((n) => document.getElementById('dossier-name') && document.getElementById('dossier-name').textContent !== n, d.name);
    assert.equal(fold(await page.textContent('#dossier-name')), fold(d.counterparts[0].name));
  });
});

test('an organisation page from a link in the story', async () => {
  const art = (await getJson(srv.url + 'api/v1/article/1')).json;
  const org = (art.entities || []).find((e) => e.kind === 'org');
  assert.ok(org, 'the first seed report names an organisation');
  const d = (await getJson(srv.url + 'api/v1/org/' + encodeURIComponent(org.name) + '?limit=20')).json;
  await withPage('org', async (page) => {
    await page.goto(srv.url + `#/article/${art.id}`);
    await page.waitForSelector('#article-text');
    await page.locator(`.ents-org a[href="#/org/${encodeURIComponent(org.name)}"]`).first().click();
    await page.waitForSelector('#dossier-name');
    assert.equal(await page.textContent('#dossier-name'), d.name);
    const arts = await page.$$eval('.dossier-articles a', (as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(arts, d.articles.items.map((a) => `#/article/${a.id}`));
    assert.ok(arts.includes(`#/article/${art.id}`), 'the article we came from is listed');
  });
});

test('the timeline filters by event type and zooms from a year to a month', async () => {
  const all = (await getJson(srv.url + 'api/v1/timeline?limit=100')).json.events.filter((e) => /^\d{4}/.test(e.date || ''));
  const byType = new Map();
  for (const e of all) byType.set(e.type, (byType.get(e.type) || 0) + 1);
  const type = [...byType.entries()].sort((a, b) => b[1] - a[1])[0][0];
  // a month with events
  const month = all.map((e) => e.date.slice(0, 7)).find((m) => /^\d{4}-\d{2}$/.test(m));
  assert.ok(month, 'a dated event with a month');
  await withPage('timeline-filter', async (page) => {
    await page.goto(srv.url + '#/timeline');
    await page.waitForSelector('#tl-chart');
    await page.selectOption('#tl-type', type);
    await page.waitForFunction((t) => location.hash.includes('type=' + t), type);
    await page.waitForFunction((n) => document.querySelectorAll('.tl-list > li').length === n, byType.get(type));
    const shown = await page.$$eval('.tl-list > li > strong', (xs) => [...new Set(xs.map((x) => x.textContent))]);
    assert.equal(shown.length, 1, `one type shown: ${shown}`);
    const dots = await page.$$eval('#tl-chart circle', (c) => c.length);
    assert.equal(dots, byType.get(type), 'a dot per event of the type');
    // the year, then the month
    await page.goto(srv.url + `#/timeline?zoom=year&at=${month.slice(0, 4)}`);
    await page.waitForSelector(`#tl-chart g.bin[data-key="${month}"]`);
    await page.click(`#tl-chart g.bin[data-key="${month}"]`);
    await page.waitForFunction((m) => location.hash.includes('zoom=month') && location.hash.includes('at=' + m), month);
    await page.waitForSelector(`#tl-chart g.bin[data-key="${month}-01"]`);
    const [y, m] = month.split('-').map(Number);
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    assert.equal(await page.$$eval('#tl-chart g.bin', (g) => g.length), days, 'a column per day');
    const inMonth = all.filter((e) => e.date.startsWith(month));
    assert.equal(await page.$$eval('.tl-list > li', (x) => x.length), inMonth.length);
    // events dated to the month only (no day) are listed but have no day column
    const withDay = inMonth.filter((e) => /^\d{4}-\d{2}-\d{2}/.test(e.date)).length;
    assert.equal(await page.$$eval('#tl-chart circle', (c) => c.length), withDay);
    // the crumbs go back up
    await page.click('.crumbs a >> nth=1');
    await page.waitForFunction(() => location.hash.includes('zoom=year'));
    await page.waitForSelector('#tl-chart g.bin[data-key$="-12"]');
  });
});

// Open url in a fresh page and return what main shows.
async function mainTextAt(url) {
  const page = await browser.ctx.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.view && !document.querySelector('main > p.muted:only-child'));
    await page.waitForLoadState('networkidle');
    return await page.innerText('main');
  } finally { await page.close(); }
}

test('every view has a shareable URL: opened afresh it shows the same', async () => {
  const seen = [];
  await withPage('share', async (page) => {
    const settle = async () => { await page.waitForLoadState('networkidle'); await page.waitForFunction(() => !document.querySelector('main > p.muted:only-child')); };
    const keep = async (what) => { await settle(); seen.push({ what, url: page.url(), text: await page.innerText('main') }); };
    await page.goto(srv.url + '#/?ui=vi');
    await page.fill('#q', 'quoc phong');
    await page.press('#q', 'Enter');
    await page.waitForSelector('.result');
    await keep('search');
    await page.click('.facets a >> nth=0');
    await page.waitForSelector('.chip');
    await keep('search with a filter');
    await page.goto(srv.url + '#/search?q=quoc+phong');
    await page.waitForSelector('.pager .next');
    await page.click('.pager .next');
    await page.waitForFunction(() => location.hash.includes('offset=10'));
    await page.waitForSelector('.result');
    await keep('search, page 2');
    await page.click('.result .story-link >> nth=0');
    await page.waitForSelector('#article-text');
    await keep('story');
    await page.goto(srv.url + '#/article/1');
    await page.waitForSelector('#article-text');
    await keep('article');
    await page.click('#article-text a.ent-person >> nth=0');
    await page.waitForSelector('#dossier-name');
    await keep('person');
    await page.goto(srv.url + '#/article/1');
    await page.waitForSelector('#article-text');
    await page.click('.ents-org a >> nth=0');
    await page.waitForSelector('#dossier-name');
    await keep('organisation');
    await page.click('#nav-timeline');
    await page.waitForSelector('#tl-chart');
    await keep('timeline');
    await page.click('#tl-chart g.bin:has(circle) >> nth=0');
    await page.waitForFunction(() => location.hash.includes('zoom=year'));
    await page.waitForSelector('#tl-chart g.bin[data-key$="-12"]');
    await keep('timeline, a year');
    await page.goto(srv.url + '#/timeline');
    await page.waitForSelector('#tl-chart');
    await page.selectOption('#tl-pair', 'RU–VN');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('pair=RU–VN'));
    await keep('timeline, a country pair');
    await page.selectOption('#tl-type', { index: 1 });
    await page.waitForFunction(() => location.hash.includes('type='));
    await keep('timeline, a pair and a type');
    await page.goto(srv.url + '#/timeline?ui=en');
    await page.waitForSelector('#tl-chart');
    await keep('timeline in English');
  });
  assert.ok(seen.length >= 11);
  const urls = new Set(seen.map((x) => x.url));
  assert.equal(urls.size, seen.length, 'each view its own URL');
  for (const v of seen) {
    const again = await mainTextAt(v.url);
    assert.equal(again, v.text, `${v.what}: ${v.url} shows the same when opened afresh`);
  }
});

test('Vietnamese by default, English switchable; ui= does not filter the articles', async () => {
  await withPage('lang', async (page) => {
    await page.goto(srv.url + '#/search?q=quoc+phong');
    await page.waitForSelector('.result');
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    assert.equal(await page.textContent('#go'), 'Tìm');
    const viCount = await page.textContent('#result-count');
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await page.textContent('#go'), 'Search');
    assert.match(await page.textContent('#result-count'), /stor/);
    await page.goto(srv.url + '#/search?q=quoc+phong&ui=en');
    await page.waitForSelector('.result');
    assert.equal(viCount.replace(/\D/g, ''), (await page.textContent('#result-count')).replace(/\D/g, ''), 'the same results in either language');
    await page.goto(srv.url + '#/timeline?ui=vi');
    await page.waitForSelector('#tl-chart');
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    // lang= is the articles' language filter, as in the API
    const ru = await getJson(srv.url + 'api/v1/search?q=quoc+phong&lang=ru&limit=1');
    await page.goto(srv.url + '#/search?q=quoc+phong&lang=ru');
    await page.waitForSelector('#result-count');
    assert.ok((await page.textContent('#result-count')).includes(String(ru.json.total)));
    assert.ok((await page.textContent('.chips')).includes('lang: ru'));
    // the choice made with the switch is remembered; put the default back
    await page.evaluate(() => localStorage.removeItem('hoso.lang'));
  });
});

test('usable at phone width (375 px): nothing wider than the screen', async () => {
  const views = ['#/?ui=vi', '#/search?q=quoc+phong', '#/story/1', '#/article/1', '#/person/' + encodeURIComponent('Lương Cường'),
    '#/org/' + encodeURIComponent('Bộ Quốc phòng'), '#/timeline', '#/timeline?zoom=year&at=2003'];
  await withPage('phone', async (page) => {
    for (const v of views) {
      await page.goto(srv.url + v);
      await page.waitForFunction(() => document.body.dataset.view && !document.querySelector('main > p.muted:only-child'));
      await page.waitForLoadState('networkidle');
      const m = await page.evaluate(() => {
        const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && getComputedStyle(el).position !== 'fixed');
        return { over: document.documentElement.scrollWidth - window.innerWidth, wide: wide.slice(0, 3).map((el) => el.tagName + '.' + (el.getAttribute('class') || '')) };
      });
      assert.ok(m.over <= 1, `${v}: ${m.over}px wider than the screen (${m.wide})`);
      assert.deepEqual(m.wide, [], `${v}: elements past the right edge`);
      const q = await page.locator('#q').boundingBox();
      const go = await page.locator('#go').boundingBox();
      assert.ok(q && q.width >= 150 && go && go.x + go.width <= 375, `${v}: the search box fits (${JSON.stringify(q)}, ${JSON.stringify(go)})`);
    }
    // the timeline's chart scales to the screen and its columns can be tapped
    await page.goto(srv.url + '#/timeline');
    await page.waitForSelector('#tl-chart');
    const chart = await page.locator('#tl-chart').boundingBox();
    assert.ok(chart.width <= 375 && chart.width > 300, JSON.stringify(chart));
    await page.tap('#tl-chart g.bin:has(circle) >> nth=0').catch(async () => page.click('#tl-chart g.bin:has(circle) >> nth=0'));
    await page.waitForFunction(() => location.hash.includes('zoom=year'));
  }, { width: 375, height: 812 });
});

// Last: it adds a dated event to the archive (the screenshots come before).
test('hostile text inside events and dossiers is shown as text on the timeline and the person page', async () => {
  const marker = 'xyzzyevent' + Math.floor(Math.random() * 1e6);
  const evil = '<script>window.__pwned=21</script><img src=x onerror="window.__pwned=22">';
  const text = `Hội đàm ${marker} ${evil}\n\nChiều 20/5/2021, tại Hà Nội, Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng Việt Nam đã hội đàm với ` +
    `Bộ trưởng Quốc phòng Nga Sergei Shoigu ${evil} ${marker}.\n\nHai bên ký kết bản ghi nhớ ${marker} ${evil}.`;
  const r = await getJson(srv.url + 'api/v1/ingest?format=text', { method: 'POST', headers: { Authorization: 'Bearer ' + TOKEN }, body: text });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.added, 1, r.text);
  const tl = await getJson(srv.url + 'api/v1/timeline?limit=100&q=' + marker);
  const evs = (tl.json.events || []).filter((e) => (e.sources || []).some((x) => (x.sentence || '').includes('<script>')));
  assert.ok(evs.length > 0, 'an event of the hostile text cites a sentence with the markup: ' + tl.text.slice(0, 300));
  const person = evs.flatMap((e) => e.participants || []).find((p) => /Giang|Shoigu/.test(p.name));
  assert.ok(person, 'a participant is named');
  const domCheck = (page) => page.evaluate(() => ({
    pwned: window.__pwned,
    elements: document.querySelectorAll('main script, main img, main [onerror]').length,
  }));
  await withPage('hostile-timeline', async (page) => {
    await page.goto(srv.url + '#/timeline?q=' + marker);
    await page.waitForSelector('.tl-list > li');
    const shown = await page.textContent('.tl-list');
    assert.ok(shown.includes('<script>window.__pwned=21</script>'), 'the markup is shown as text in the evidence');
    assert.deepEqual(await domCheck(page), { pwned: undefined, elements: 0 });
    await page.goto(srv.url + '#/person/' + encodeURIComponent(person.name));
    await page.waitForSelector('#dossier-name');
    await page.waitForSelector('.dossier ol.events > li');
    assert.ok((await page.textContent('.dossier')).includes('<img src=x onerror='), 'the markup is shown as text in the dossier');
    assert.deepEqual(await domCheck(page), { pwned: undefined, elements: 0 });
  });
});
