// readability_run.js -- Mozilla Readability (with jsdom) over a list of
// pages, for `make eval` / `make bench` beside hoso extract.
// usage: node readability_run.js LIST.tsv > out.jsonl
// LIST.tsv: one "path<TAB>url" a line (.gz files are inflated).
// Output: one JSON object a line: {path, title, byline, publishedTime,
// content, text, ms} where content is the article's HTML (eval.py reads
// its text the same way as the expected pages'), text joins its text
// nodes with spaces (the measure up to session 12, eval.py
// --session12-join) and ms is the CPU time spent parsing + extracting
// (file reading excluded).
'use strict';
const fs = require('fs');
const zlib = require('zlib');
const { JSDOM } = require('jsdom');
const { Readability } = require('@mozilla/readability');

function textOf(html) {
  const dom = new JSDOM(`<!DOCTYPE html><body>${html}</body>`);
  const out = [];
  const walk = (n) => {
    if (n.nodeType === 3) out.push(n.nodeValue);
    for (const c of n.childNodes) walk(c);
  };
  walk(dom.window.document.body);
  dom.window.close();
  return out.join(' ');
}

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const wantText = process.argv[3] !== '--no-text';
for (const line of lines) {
  const [path, url] = line.split('\t');
  let buf = fs.readFileSync(path);
  if (path.endsWith('.gz')) buf = zlib.gunzipSync(buf);
  const html = buf.toString('utf8');
  const t0 = process.cpuUsage();
  let res = null, err = null;
  try {
    const dom = new JSDOM(html, { url: url || 'http://localhost/' });
    res = new Readability(dom.window.document).parse();
    dom.window.close();
  } catch (e) { err = String(e); }
  const du = process.cpuUsage(t0);
  const ms = (du.user + du.system) / 1000;
  const o = { path, ms, error: err };
  if (res) {
    o.title = res.title; o.byline = res.byline; o.publishedTime = res.publishedTime || null;
    if (wantText) { o.content = res.content || ''; o.text = textOf(o.content); }
  }
  process.stdout.write(JSON.stringify(o) + '\n');
}
