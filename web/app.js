// app.js -- hoso's page: hash-routed views over the JSON API (/api/v1).
//
// Safety rule: everything that comes from the archive reaches the DOM as
// text (text nodes, textContent, setAttribute of plain values). There is
// no innerHTML anywhere; links to outside pages are shown only for
// http(s) URLs. The server adds a strict Content-Security-Policy too.
//
// Views (each a shareable URL):
//   #/                          home
//   #/search?q=&from=&to=&outlet=&person=&org=&type=&offset=
//   #/story/ID[?a=ARTICLE]      a story, its sources and one article
//   #/article/ID                one article
//   #/timeline?zoom=&at=&type=&pair=&q=
//   #/person/NAME, #/org/NAME   dossiers
// Any view takes ui=vi|en in its query to fix the interface language
// (`lang` is the search filter on the articles' language, as in the API).
import { STRINGS, COUNTRIES } from './i18n.js';

const API = 'api/v1/';
const PAGE = 10;

// ---- small DOM helpers (text only) ------------------------------------

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, kids);
  return el;
}

function append(el, kids) {
  for (const k of kids.flat(Infinity)) {
    if (k === null || k === undefined || k === false) continue;
    el.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return el;
}

function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

const SVGNS = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...kids) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, String(v));
  }
  append(el, kids);
  return el;
}

// A link only for http(s) URLs from the archive; anything else is text.
function outLink(url, label) {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:')
      return h('a', { href: u.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, label || u.host);
  } catch { /* not a URL */ }
  return null;
}

// Byte offsets from the library index UTF-8; JavaScript strings are UTF-16.
const enc = new TextEncoder();
const dec = new TextDecoder();
function bytes(text) { return enc.encode(text || ''); }
function slice(b, start, end) { return dec.decode(b.subarray(Math.max(0, start), Math.max(0, end))); }

function fold(x) {
  return (x || '').normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().trim();
}

// ---- language ------------------------------------------------------------

const state = { lang: localStorage.getItem('hoso.lang') || 'vi' };
function t(key, ...args) {
  const v = (STRINGS[state.lang] || STRINGS.vi)[key];
  return typeof v === 'function' ? v(...args) : v;
}
function typeName(type) { return (t('types') || {})[type] || type || '?'; }
function kindName(kind) { return t(kind) || kind; }

function applyChrome() {
  document.documentElement.lang = state.lang;
  document.getElementById('q').placeholder = t('placeholder');
  document.getElementById('go').textContent = t('search');
  document.getElementById('nav-timeline').textContent = t('timeline');
  document.getElementById('lang').textContent = t('lang_other');
  document.getElementById('foot').textContent = t('footer');
}

// ---- routing -------------------------------------------------------------

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const qi = raw.indexOf('?');
  const path = qi < 0 ? raw : raw.slice(0, qi);
  const params = new URLSearchParams(qi < 0 ? '' : raw.slice(qi + 1));
  const parts = path.split('/').filter(Boolean).map((p) => { try { return decodeURIComponent(p); } catch { return p; } });
  return { view: parts[0] || '', arg: parts.slice(1).join('/'), params };
}

function hrefFor(view, arg, params) {
  let u = '#/' + view;
  if (arg !== undefined && arg !== null && arg !== '') u += '/' + encodeURIComponent(arg);
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  const qs = p.toString();
  return qs ? u + '?' + qs : u;
}

const entityHref = (kind, name) =>
  kind === 'person' ? hrefFor('person', name) : kind === 'org' ? hrefFor('org', name)
    : hrefFor('search', null, { q: '"' + name + '"' });

// ---- API -------------------------------------------------------------------

async function api(path, params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  const qs = p.toString();
  const r = await fetch(API + path + (qs ? '?' + qs : ''), { headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await r.json(); } catch { /* empty */ }
  if (!r.ok) {
    const e = new Error((body && body.error && body.error.message) || r.statusText);
    e.status = r.status;
    throw e;
  }
  return body;
}

function errorBox(e) {
  const msg = e.status === 404 ? t('not_found') : e.status === 503 ? t('unavailable') : t('error');
  return h('div', { class: 'error', role: 'alert' }, msg, e.message ? h('div', { class: 'muted' }, e.message) : null);
}

const main = () => document.getElementById('main');
let renderSeq = 0;

async function render() {
  const seq = ++renderSeq;
  const r = parseHash();
  const ui = r.params.get('ui');
  if (ui === 'vi' || ui === 'en') state.lang = ui;
  applyChrome();
  closeSuggest();
  const m = clear(main());
  m.append(h('p', { class: 'muted' }, t('loading')));
  const views = { '': viewHome, search: viewSearch, story: viewStory, article: viewArticle, timeline: viewTimeline, person: viewDossier, org: viewDossier };
  const fn = views[r.view] || viewHome;
  let node;
  try {
    node = await fn(r);
  } catch (e) {
    node = errorBox(e);
  }
  if (seq !== renderSeq) return; // a newer navigation won
  clear(m).append(node);
  document.body.dataset.view = r.view || 'home';
  if (r.view === 'search') document.getElementById('q').value = r.params.get('q') || '';
}

// ---- home ----------------------------------------------------------------

async function viewHome() {
  const box = h('section', { class: 'home' }, h('h1', null, t('home_title')), h('p', null, t('home_text')));
  try {
    const st = await api('stats');
    const counts = st.counts || st;
    box.append(h('p', { class: 'muted', id: 'archive-counts' }, t('archive_counts', counts)));
  } catch (e) { box.append(errorBox(e)); }
  return box;
}

// ---- search ------------------------------------------------------------------

const FILTERS = ['from', 'to', 'outlet', 'lang', 'person', 'org', 'type', 'sort'];

// Text of a snippet with its highlights (byte offsets into the article).
function snippetNode(sn) {
  const p = h('p', { class: 'snippet' });
  if (!sn || !sn.text) return p;
  const b = bytes(sn.text);
  const base = sn.start || 0;
  const hl = (sn.highlights || []).map(([a, z]) => [a - base, z - base])
    .filter(([a, z]) => a >= 0 && z <= b.length && a < z).sort((x, y) => x[0] - y[0]);
  let at = 0;
  if (base > 0) p.append('… ');
  for (const [a, z] of hl) {
    if (a < at) continue;
    p.append(slice(b, at, a), h('mark', null, slice(b, a, z)));
    at = z;
  }
  p.append(slice(b, at, b.length), ' …');
  return p;
}

function uniqueOutlets(sources) {
  const seen = new Set();
  for (const x of sources || []) if (x.outlet) seen.add(x.outlet);
  return [...seen];
}

async function viewSearch(r) {
  const q = r.params.get('q') || '';
  const offset = Math.max(0, parseInt(r.params.get('offset') || '0', 10) || 0);
  const params = { q, offset, limit: PAGE };
  for (const f of FILTERS) params[f] = r.params.get(f);
  const res = await api('search', params);
  const here = Object.fromEntries(r.params.entries());
  const list = h('section', { class: 'results', 'aria-live': 'polite' });
  list.append(h('p', { class: 'muted', id: 'result-count' }, t('results', res.total)));
  const chips = h('div', { class: 'chips' });
  for (const f of FILTERS) {
    const v = r.params.get(f);
    if (!v) continue;
    const next = { ...here, offset: '' };
    delete next[f];
    chips.append(h('a', { class: 'chip', href: hrefFor('search', null, next), title: t('remove_filter') }, `${f}: ${v} ✕`));
  }
  if (chips.firstChild) list.append(chips);
  if (!res.results || res.results.length === 0) list.append(h('p', null, t('no_results')));
  for (const it of res.results || []) {
    const art = it.article || {};
    const title = it.title || art.title || '—';
    const outlets = uniqueOutlets(it.sources);
    list.append(h('article', { class: 'card result' },
      h('h3', null, h('a', { href: hrefFor('story', it.story), class: 'story-link' }, title)),
      h('div', { class: 'meta' },
        it.n_outlets > 0 ? h('span', { class: 'badge outlet-count' }, t('outlets', it.n_outlets)) : h('span', { class: 'badge' }, t('articles_n', it.n_articles ?? 1)),
        it.earliest || art.published ? h('span', null, (it.earliest || art.published || '').slice(0, 10)) : null,
        it.matching_articles > 1 ? h('span', null, t('matching', it.matching_articles)) : null,
        art.outlet ? h('span', null, art.outlet) : null),
      snippetNode(it.snippet),
      outlets.length ? h('div', { class: 'outlets' }, outlets.join(' · ')) : null,
      art.id ? h('a', { href: hrefFor('article', art.id), class: 'read' }, t('read')) : null));
  }
  const total = res.total || 0;
  if (total > PAGE) {
    const pager = h('nav', { class: 'pager' });
    if (offset > 0) pager.append(h('a', { href: hrefFor('search', null, { ...here, offset: Math.max(0, offset - PAGE) }) }, t('prev')));
    pager.append(h('span', { class: 'muted' }, t('page', offset + 1, Math.min(total, offset + PAGE), total)));
    if (offset + PAGE < total) pager.append(h('a', { href: hrefFor('search', null, { ...here, offset: offset + PAGE }), class: 'next' }, t('next')));
    list.append(pager);
  }
  return h('div', { class: 'layout' }, list, facetsNode(res.facets, here));
}

function facetsNode(f, here) {
  const side = h('aside', { class: 'facets' });
  if (!f) return side;
  const group = (title, items, make) => {
    if (!items || !items.length) return;
    side.append(h('h3', null, title), h('ul', null, items.map((x) => h('li', null,
      h('a', { href: hrefFor('search', null, { ...here, offset: '', ...make(x) }) }, h('span', null, String(x.label ?? x.value ?? '—')), h('span', { class: 'muted' }, String(x.count)))))));
  };
  group(t('facet_outlets'), f.outlets, (x) => ({ outlet: x.value }));
  group(t('facet_years'), f.years, (x) => ({ from: x.value, to: x.value }));
  group(t('facet_people'), f.people, (x) => ({ person: x.value }));
  group(t('facet_orgs'), f.orgs, (x) => ({ org: x.value }));
  group(t('facet_types'), (f.event_types || []).map((x) => ({ ...x, label: typeName(x.value) })), (x) => ({ type: x.value }));
  return side;
}

// ---- story and article -------------------------------------------------------

async function viewStory(r) {
  const story = await api('story/' + encodeURIComponent(r.arg));
  const sources = story.sources || [];
  const chosen = Number(r.params.get('a')) || story.origin_article || (sources[0] && sources[0].article);
  const wrap = h('div', { class: 'story' });
  wrap.append(h('p', { class: 'muted' }, t('story')), h('h1', null, story.title || '—'),
    h('div', { class: 'meta' },
      h('span', { class: 'badge outlet-count' }, t('outlets', story.n_outlets ?? uniqueOutlets(sources).length)),
      h('span', null, t('articles_n', story.n_articles ?? sources.length)),
      story.earliest ? h('span', null, `${t('earliest')}: ${story.earliest}`) : null,
      story.credit ? h('span', null, `${t('credit')}: ${story.credit}`) : null));
  const ul = h('ul', { class: 'sources' });
  for (const src of sources) {
    ul.append(h('li', { class: src.article === chosen ? 'current' : null },
      h('a', { href: hrefFor('story', story.story, { a: src.article }) }, src.outlet || '?'),
      h('span', { class: 'muted' }, (src.published || '').slice(0, 16)),
      h('span', null, src.title || ''),
      outLink(src.url, t('original_link'))));
  }
  wrap.append(h('h2', null, t('sources')), ul);
  if (chosen) {
    const art = await api('article/' + chosen);
    wrap.append(articleNode(art, false));
  }
  return wrap;
}

async function viewArticle(r) {
  const art = await api('article/' + encodeURIComponent(r.arg));
  return articleNode(art, true);
}

function participantsOf(ev) {
  if (Array.isArray(ev.participants)) return ev.participants.map((p) => (typeof p === 'string' ? { name: p } : p));
  if (typeof ev.participants === 'string') return ev.participants.split(';').map((x) => ({ name: x.trim() })).filter((x) => x.name);
  return [];
}

// The article text with entities marked and linked and event evidence
// sentences highlighted; all offsets are UTF-8 byte offsets into text.
function markedText(text, entities, events) {
  const b = bytes(text);
  const cuts = new Set([0, b.length]);
  const ents = (entities || []).filter((e) => e.start >= 0 && e.end <= b.length && e.start < e.end);
  const evs = (events || []).filter((e) => e.start >= 0 && e.end <= b.length && e.start < e.end);
  for (const e of ents) { cuts.add(e.start); cuts.add(e.end); }
  for (const e of evs) { cuts.add(e.start); cuts.add(e.end); }
  const pts = [...cuts].sort((x, y) => x - y);
  const body = h('div', { class: 'article-text', id: 'article-text', lang: '' });
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], z = pts[i + 1];
    let node = document.createTextNode(slice(b, a, z));
    const ent = ents.find((e) => e.start <= a && e.end >= z);
    if (ent) node = h('a', { class: `ent ent-${ent.kind}`, href: entityHref(ent.kind, ent.name), title: [kindName(ent.kind), ent.title].filter(Boolean).join(': '), 'data-kind': ent.kind }, node);
    const evIdx = evs.findIndex((e) => e.start <= a && e.end >= z);
    if (evIdx >= 0) node = h('span', { class: 'ev-sentence', 'data-ev': String(evIdx) }, node);
    body.append(node);
  }
  return { body, evs };
}

function articleNode(art, standalone) {
  const wrap = h('article', { class: 'article' });
  if (standalone) wrap.append(h('p', { class: 'muted' }, t('article')));
  wrap.append(h(standalone ? 'h1' : 'h2', { class: 'article-title' }, art.title || '—'));
  wrap.append(h('div', { class: 'meta' },
    art.outlet ? h('span', null, art.outlet) : null,
    art.published ? h('span', null, `${t('published')}: ${art.published}`) : null,
    art.author ? h('span', null, `${t('author')}: ${art.author}`) : null,
    art.credit ? h('span', null, `${t('credit')}: ${art.credit}`) : null,
    outLink(art.url, t('original_link')),
    standalone && art.story ? h('a', { href: hrefFor('story', art.story) }, t('story')) : null));
  const { body, evs } = markedText(art.text || '', art.entities, art.events);
  // entities grouped by kind
  const groups = { person: new Map(), org: new Map(), place: new Map() };
  for (const e of art.entities || []) if (groups[e.kind] && !groups[e.kind].has(e.name)) groups[e.kind].set(e.name, e);
  const lists = h('div', { class: 'ent-lists' });
  for (const [kind, label] of [['person', t('people')], ['org', t('orgs')], ['place', t('places')]]) {
    const m = groups[kind];
    if (!m.size) continue;
    lists.append(h('div', null, h('h3', null, label), h('ul', { class: `ents-${kind}` }, [...m.values()].map((e) =>
      h('li', null, h('a', { class: `ent ent-${kind}`, href: entityHref(kind, e.name) }, e.name), e.title ? h('span', { class: 'muted' }, ' — ' + e.title) : null)))));
  }
  if (!lists.firstChild) lists.append(h('p', { class: 'muted' }, t('no_entities')));
  // events with their evidence sentence
  const evList = h('ol', { class: 'events' });
  const b = bytes(art.text || '');
  evs.forEach((ev, i) => {
    const li = h('li', { tabindex: '0', 'data-ev': String(i) },
      h('strong', null, typeName(ev.type)), ev.date ? ' · ' + ev.date : '', ev.place ? ' · ' + ev.place : '',
      ev.summary ? h('div', null, ev.summary) : null,
      participantsOf(ev).length ? h('div', { class: 'muted' }, `${t('participants')}: `, participantsOf(ev).map((p, k) => [k ? '; ' : '', p.name])) : null,
      h('p', { class: 'evidence' }, `${t('evidence')}: `, h('q', null, slice(b, ev.start, ev.end))));
    const activate = () => {
      body.querySelectorAll('.ev-sentence.active').forEach((x) => x.classList.remove('active'));
      const spans = body.querySelectorAll(`.ev-sentence[data-ev="${i}"]`);
      spans.forEach((x) => x.classList.add('active'));
      if (spans[0]) spans[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
    };
    li.addEventListener('click', activate);
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter') activate(); });
    evList.append(li);
  });
  wrap.append(h('h2', null, t('events')), evs.length ? evList : h('p', { class: 'muted' }, t('no_events')));
  wrap.append(h('h2', null, `${t('people')} · ${t('orgs')} · ${t('places')}`), lists);
  wrap.append(h('h2', null, t('article')), body);
  return wrap;
}

// ---- dossiers ----------------------------------------------------------------

function eventItem(ev) {
  const src = (ev.sources || [])[0];
  return h('li', null,
    h('strong', null, typeName(ev.type)), ev.date ? ' · ' + ev.date : '', ev.place ? ' · ' + ev.place : '',
    ev.summary ? h('div', null, ev.summary) : null,
    participantsOf(ev).length ? h('div', { class: 'muted' }, `${t('participants')}: `, participantsOf(ev).map((p, k) =>
      [k ? '; ' : '', h('a', { href: entityHref(p.kind || 'person', p.name) }, p.name), p.title ? ` (${p.title})` : ''])) : null,
    src && src.sentence ? h('p', { class: 'evidence' }, `${t('evidence')}: `, h('q', null, src.sentence), ' ',
      h('a', { href: hrefFor('article', src.article) }, src.outlet || t('article'))) : null);
}

async function viewDossier(r) {
  const kind = r.view;
  const offset = Math.max(0, parseInt(r.params.get('offset') || '0', 10) || 0);
  const d = await api(`${kind}/${encodeURIComponent(r.arg)}`, { offset, limit: 20 });
  const wrap = h('div', { class: 'dossier' });
  wrap.append(h('p', { class: 'muted' }, kindName(kind)), h('h1', { id: 'dossier-name' }, d.name || r.arg));
  // ranks and posts over time
  wrap.append(h('h2', null, t('titles')));
  if (d.titles && d.titles.length) {
    wrap.append(h('table', { class: 'titles' },
      h('thead', null, h('tr', null, h('th', null, t('title_col')), h('th', null, t('from_to')), h('th', null, '#'))),
      h('tbody', null, d.titles.map((x) => h('tr', null, h('td', null, x.title),
        h('td', null, `${(x.first || '?').slice(0, 10)} – ${(x.last || '?').slice(0, 10)}`), h('td', null, String(x.articles ?? '')))))));
  } else wrap.append(h('p', { class: 'muted' }, t('none')));
  wrap.append(h('h2', null, t('events')));
  wrap.append(d.events && d.events.length ? h('ol', { class: 'events' }, d.events.map(eventItem)) : h('p', { class: 'muted' }, t('none')));
  wrap.append(h('h2', null, t('counterparts')));
  wrap.append(d.counterparts && d.counterparts.length
    ? h('ul', { class: 'counterparts' }, d.counterparts.map((c) => h('li', null, h('a', { href: entityHref(c.kind, c.name) }, c.name), h('span', { class: 'muted' }, ` · ${kindName(c.kind)} · ${c.events}`))))
    : h('p', { class: 'muted' }, t('none')));
  const arts = d.articles || { items: [], total: 0 };
  wrap.append(h('h2', null, `${t('dossier_articles')} (${arts.total})`));
  const ul = h('ul', { class: 'sources dossier-articles' });
  for (const a of arts.items || []) {
    ul.append(h('li', null, h('a', { href: hrefFor('article', a.id) }, a.title || '—'),
      h('span', { class: 'muted' }, [a.outlet, (a.published || '').slice(0, 10)].filter(Boolean).join(' · ')),
      a.context ? h('div', { class: 'snippet' }, a.context) : null));
  }
  wrap.append(ul);
  if (arts.total > 20) {
    const pager = h('nav', { class: 'pager' });
    if (offset > 0) pager.append(h('a', { href: hrefFor(kind, r.arg, { offset: Math.max(0, offset - 20) }) }, t('prev')));
    pager.append(h('span', { class: 'muted' }, t('page', offset + 1, Math.min(arts.total, offset + 20), arts.total)));
    if (offset + 20 < arts.total) pager.append(h('a', { href: hrefFor(kind, r.arg, { offset: offset + 20 }) }, t('next')));
    wrap.append(pager);
  }
  return wrap;
}

// ---- timeline ----------------------------------------------------------------

// Countries of an event: country names in its participants (names and the
// posts they hold: "Thứ trưởng Bộ Quốc phòng Việt Nam"), place and summary,
// matched as whole words on the lower-cased text ("Mỹ Tho" is no country).
const COUNTRY_RE = new RegExp('(?:^|[^\\p{L}])(' + Object.keys(COUNTRIES).sort((a, b) => b.length - a.length)
  .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') + ')(?=$|[^\\p{L}])(?! tho\\b)', 'gu');
const countryCache = new WeakMap();
function countriesOf(ev) {
  if (countryCache.has(ev)) return countryCache.get(ev);
  const texts = [ev.place, ev.summary];
  for (const p of participantsOf(ev)) texts.push(p.name, p.title);
  const out = new Set();
  for (const x of texts) {
    if (!x) continue;
    for (const m of x.normalize('NFC').toLowerCase().matchAll(COUNTRY_RE)) out.add(COUNTRIES[m[1]]);
  }
  const res = [...out].sort();
  countryCache.set(ev, res);
  return res;
}

async function fetchEvents(params) {
  const all = [];
  let total = 0;
  for (let offset = 0, page = 0; page < 20; page++, offset += 100) {
    const res = await api('timeline', { ...params, offset, limit: 100 });
    total = res.total ?? (res.events || []).length;
    all.push(...(res.events || []));
    if (!res.events || res.events.length < 100 || all.length >= total) break;
  }
  return { events: all, total };
}

async function viewTimeline(r) {
  const zoom = r.params.get('zoom') || 'all';      // all | year | month
  const at = r.params.get('at') || '';             // YYYY or YYYY-MM
  const type = r.params.get('type') || '';
  const pair = r.params.get('pair') || '';
  const q = r.params.get('q') || '';
  const here = Object.fromEntries(r.params.entries());
  const range = zoom === 'year' && /^\d{4}$/.test(at) ? { from: at, to: at }
    : zoom === 'month' && /^\d{4}-\d{2}$/.test(at) ? { from: at, to: at } : {};
  const { events: raw } = await fetchEvents({ q, type, ...range });
  const dated = raw.filter((e) => /^\d{4}/.test(e.date || ''));
  // the pair menu: pairs the events name (countries come from the names);
  // the filter itself is the server's (timeline?pair=RU–VN)
  const pairs = new Map();
  for (const e of dated) { const c = countriesOf(e); if (c.length >= 2) for (let i = 0; i < c.length; i++) for (let j = i + 1; j < c.length; j++) { const k = c[i] + '–' + c[j]; pairs.set(k, (pairs.get(k) || 0) + 1); } }
  const shown = pair ? (await fetchEvents({ q, type, pair, ...range })).events.filter((e) => /^\d{4}/.test(e.date || '')) : dated;
  const types = [...new Set(raw.map((e) => e.type).filter(Boolean))].sort();
  if (type && !types.includes(type)) types.push(type);

  const wrap = h('div', { class: 'timeline' });
  wrap.append(h('h1', null, t('timeline')));
  const go = (patch) => { location.hash = hrefFor('timeline', null, { ...here, ...patch }); };
  const typeSel = h('select', { id: 'tl-type', onchange: (e) => go({ type: e.target.value }) },
    h('option', { value: '' }, t('tl_any')), types.map((x) => h('option', { value: x, selected: x === type }, typeName(x))));
  const pairSel = h('select', { id: 'tl-pair', onchange: (e) => go({ pair: e.target.value }) },
    h('option', { value: '' }, t('tl_any')), [...pairs.keys()].sort().map((k) => h('option', { value: k, selected: k === pair }, `${k} (${pairs.get(k)})`)));
  if (pair && !pairs.has(pair)) pairSel.append(h('option', { value: pair, selected: true }, pair));
  wrap.append(h('div', { class: 'tl-controls' }, h('label', null, t('tl_type'), typeSel), h('label', null, t('tl_pair'), pairSel)));

  const crumbs = h('div', { class: 'crumbs' });
  crumbs.append(h('a', { href: hrefFor('timeline', null, { ...here, zoom: '', at: '' }) }, t('tl_all')));
  if (zoom !== 'all' && at) {
    crumbs.append(' › ', h('a', { href: hrefFor('timeline', null, { ...here, zoom: 'year', at: at.slice(0, 4) }) }, at.slice(0, 4)));
    if (zoom === 'month') crumbs.append(' › ', h('span', null, t('months')[Number(at.slice(5, 7)) - 1] || at));
  }
  crumbs.append(h('span', { class: 'muted' }, ' · ' + t('tl_events', shown.length) + ' · ' + t('tl_zoom_hint')));
  wrap.append(crumbs);
  wrap.append(drawTimeline(shown, zoom, at, here));
  const sorted = [...shown].sort((a, b) => (a.date || '').localeCompare(b.date || ''));
  wrap.append(h('ol', { class: 'events tl-list' }, sorted.map(eventItem)));
  return wrap;
}

// An SVG chart: one column per year (all), month (year) or day (month);
// a dot per event, stacked; clicking a column zooms in.
function drawTimeline(events, zoom, at, here) {
  let bins = [];
  const key = (d) => (zoom === 'all' ? d.slice(0, 4) : zoom === 'year' ? d.slice(0, 7) : d.slice(0, 10));
  if (zoom === 'all') {
    const years = events.map((e) => Number(e.date.slice(0, 4)));
    const lo = years.length ? Math.min(...years) : new Date().getFullYear();
    const hi = years.length ? Math.max(...years) : lo;
    for (let y = lo; y <= hi; y++) bins.push({ key: String(y), label: String(y), next: { zoom: 'year', at: String(y) } });
  } else if (zoom === 'year') {
    for (let m = 1; m <= 12; m++) { const k = `${at.slice(0, 4)}-${String(m).padStart(2, '0')}`; bins.push({ key: k, label: t('months')[m - 1], next: { zoom: 'month', at: k } }); }
  } else {
    const [y, m] = at.split('-').map(Number);
    const days = new Date(y, m, 0).getDate() || 31;
    for (let d = 1; d <= days; d++) bins.push({ key: `${at}-${String(d).padStart(2, '0')}`, label: String(d), next: null });
  }
  const counts = new Map();
  for (const e of events) { const k = key(e.date); counts.set(k, (counts.get(k) || []).concat([e])); }
  const maxN = Math.max(1, ...bins.map((b) => (counts.get(b.key) || []).length));
  const W = 1000, top = 12, axis = 26, r = 6, step = 2 * r + 3;
  const H = top + axis + Math.min(maxN, 30) * step + 8;
  const bw = W / Math.max(1, bins.length);
  const svg = s('svg', { class: 'tl-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('timeline'), id: 'tl-chart' });
  bins.forEach((b, i) => {
    const x = i * bw;
    const evs = counts.get(b.key) || [];
    const g = s('g', { class: 'bin', 'data-key': b.key });
    g.append(s('rect', { class: 'bg', x, y: 0, width: bw, height: H }));
    evs.slice(0, 30).forEach((e, k) => {
      g.append(s('circle', { cx: x + bw / 2, cy: H - axis - r - k * step, r }, s('title', {}, `${e.date} · ${typeName(e.type)}${e.summary ? ' · ' + e.summary : ''}`)));
    });
    if (bins.length <= 40 || i % Math.ceil(bins.length / 40) === 0)
      g.append(s('text', { class: 'tick', x: x + bw / 2, y: H - 8, 'text-anchor': 'middle' }, b.label));
    if (b.next) {
      g.addEventListener('click', () => { location.hash = hrefFor('timeline', null, { ...here, ...b.next }); });
      g.setAttribute('tabindex', '0');
      g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') location.hash = hrefFor('timeline', null, { ...here, ...b.next }); });
    }
    svg.append(g);
  });
  svg.append(s('line', { x1: 0, x2: W, y1: H - axis, y2: H - axis, stroke: '#999' }));
  return svg;
}

// ---- suggestions as one types ------------------------------------------------

let sugg = { items: [], sel: -1, timer: 0, seq: 0 };

function closeSuggest() {
  const ul = document.getElementById('suggest');
  if (!ul) return;
  ul.hidden = true;
  clear(ul);
  document.getElementById('q').setAttribute('aria-expanded', 'false');
  sugg.items = [];
  sugg.sel = -1;
}

function pickSuggestion(it) {
  closeSuggest();
  location.hash = entityHref(it.kind, it.name);
}

function showSuggest(items) {
  const ul = clear(document.getElementById('suggest'));
  sugg.items = items;
  sugg.sel = -1;
  if (!items.length) { closeSuggest(); return; }
  items.forEach((it, i) => {
    ul.append(h('li', { role: 'option', id: 'sugg-' + i, 'aria-selected': 'false', onmousedown: (e) => { e.preventDefault(); pickSuggestion(it); } },
      h('span', null, it.name), h('span', { class: 'kind' }, `${kindName(it.kind)} · ${it.mentions}`)));
  });
  ul.hidden = false;
  document.getElementById('q').setAttribute('aria-expanded', 'true');
}

function moveSuggest(d) {
  const ul = document.getElementById('suggest');
  if (!sugg.items.length) return;
  sugg.sel = (sugg.sel + d + sugg.items.length) % sugg.items.length;
  [...ul.children].forEach((li, i) => li.setAttribute('aria-selected', i === sugg.sel ? 'true' : 'false'));
}

function setupSearchBox() {
  const input = document.getElementById('q');
  input.addEventListener('input', () => {
    clearTimeout(sugg.timer);
    const v = input.value.trim();
    if (v.length < 2) { closeSuggest(); return; }
    sugg.timer = setTimeout(async () => {
      const seq = ++sugg.seq;
      try {
        const res = await api('suggest', { q: v, limit: 8 });
        if (seq === sugg.seq && input.value.trim() === v) showSuggest(res.suggestions || []);
      } catch { closeSuggest(); }
    }, 120);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); moveSuggest(1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); moveSuggest(-1); }
    else if (e.key === 'Escape') closeSuggest();
    else if (e.key === 'Enter' && sugg.sel >= 0) { e.preventDefault(); pickSuggestion(sugg.items[sugg.sel]); }
  });
  input.addEventListener('blur', () => setTimeout(closeSuggest, 150));
  document.getElementById('searchform').addEventListener('submit', (e) => {
    e.preventDefault();
    closeSuggest();
    const cur = parseHash();
    const keep = cur.view === 'search' ? Object.fromEntries([...cur.params.entries()].filter(([k]) => FILTERS.includes(k) || k === 'ui')) : {};
    location.hash = hrefFor('search', null, { ...keep, q: input.value.trim() });
  });
  document.getElementById('lang').addEventListener('click', () => {
    state.lang = state.lang === 'vi' ? 'en' : 'vi';
    localStorage.setItem('hoso.lang', state.lang);
    const cur = parseHash();
    if (cur.params.has('ui')) {
      cur.params.set('ui', state.lang);
      location.hash = hrefFor(cur.view, cur.arg, Object.fromEntries(cur.params.entries()));
    } else render();
  });
}

window.addEventListener('hashchange', render);
setupSearchBox();
render();
