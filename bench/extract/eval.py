#!/usr/bin/python3
"""eval.py -- hoso extract beside Mozilla Readability and python3-readability.

usage: eval.py HOSO SHARED [--bench]

Pages: SHARED/data/extraction/readability-pages/*/ (source.html,
expected.html, expected-metadata.json) and fundus-pages/<cc>/*.html.gz
with <Publisher>.json (versions matched to the pages in date order) and
meta.info (the page URL).

Body: the token-4-gram ("shingle") precision/recall/F1 of the scrapinghub
article-extraction benchmark, as ../shared/data/README.md describes it:
tokens are \\w+ runs; a text is the multiset of its 4-grams (fewer than 4
tokens: one short shingle); per page tp, fp, fn; precision = mean of
tp/(tp+fp) over pages with tp+fp > 0 (1 when fp = fn = 0), recall likewise
with fn over pages with tp+fn > 0; F1 = 2PR/(P+R) of the means.
Each system's text is its article body: hoso = lead, body paragraphs and
captions in page order; Readability (both) = its content's HTML read as a
page reads (html_text: block elements apart, inline ones joined, so
"H<sub>ij</sub>" is one token "Hij", as are a drop cap and CJK text split
over links), the same reading as the expected pages' HTML (session 13;
--session12-join: every text node apart, the measure before).

Title: equal after NFC, white-space collapse and case folding.
Date (pages whose expected date is known): the same minute (zone-aware),
or the same local date-time to the minute when one side has no zone; a
date without a time only matches a date without a time (an expected
midnight without a zone is a date alone, as fundus records dates). Authors (pages with expected
authors): the same set of name tokens, case folded, where the words of a
byline that are not names -- "by", "written", "edited", "updated",
"posted", "at", "on", month names, am/pm/UTC/GMT and any token with a
digit (dates, times) -- are dropped from the expected byline and from
every system's answer alike (Readability's expected bylines are raw
strings such as "By Nathan Willis March 25, 2015"); a page whose expected
byline has no name token left ("Last Updated: January 7, 2025") is not
scored for authors. Session 7 adds, for every system alike: the words
that join a list of names ("and", "with", "avec", "et", "und", ...) are
dropped too, URLs in a byline are no name tokens, and a date glued to a
name by the markup ("Lucas Nolan22 Dec 2016") is split off before the
tokens with digits go. --session6-bylines: the session-6 measure
(without these three); --raw-bylines: the session-4 measure (only "by"
dropped; digits and the other words kept).
--bench: pages per CPU-second for each system on the same pages.

Halves: the fundus pages are split by publisher into two halves, A and B,
by the parity of the first byte of sha1(publisher name) -- deterministic,
independent of the scores; the readability test pages likewise by sha1 of
their folder name. Tuning looks at half A only; half B is the
check that a change is general (both halves are printed).
--pages FILE: also write one JSON line per page with each system's scores.
--captions FILE: also write one JSON line per fundus record caption: the
record's caption and credit, hoso's matching caption and credit (or null).
--only-hoso: run hoso alone, reusing the other systems' results cached
under build/eval-cache/ by the last full run (for quick tuning).
"""
import collections, glob, gzip, hashlib, json, os, re, resource, subprocess, sys, time
import unicodedata
from datetime import datetime, timezone

HOSO, SHARED = sys.argv[1], sys.argv[2]
BENCH = '--bench' in sys.argv
ONLY_HOSO = '--only-hoso' in sys.argv
NAMES_ONLY = '--raw-bylines' not in sys.argv
OLD_NAMES = '--session6-bylines' in sys.argv
OLD_JOIN = '--session12-join' in sys.argv
PAGES_OUT = sys.argv[sys.argv.index('--pages') + 1] if '--pages' in sys.argv else None
CAPTIONS_OUT = sys.argv[sys.argv.index('--captions') + 1] if '--captions' in sys.argv else None
CACHE = os.path.join('build', 'eval-cache')
HERE = os.path.dirname(os.path.abspath(__file__))
EX = os.path.join(SHARED, 'data', 'extraction')

WORD = re.compile(r'\w+')

def tokens(t):
    return WORD.findall(t or '')

def shingles(t, n=4):
    tk = tokens(t)
    if len(tk) < n:
        return collections.Counter([tuple(tk)]) if tk else collections.Counter()
    return collections.Counter(tuple(tk[i:i + n]) for i in range(len(tk) - n + 1))

def tp_fp_fn(true, pred):
    a, b = shingles(true), shingles(pred)
    tp = sum((a & b).values())
    fp = sum((b - a).values())
    fn = sum((a - b).values())
    s = tp + fp + fn
    if s == 0:
        return 0.0, 0.0, 0.0
    return tp / s, fp / s, fn / s

def prf(rows):
    ps = [1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))
          for tp, fp, fn in rows if tp + fp > 0]
    rs = [1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))
          for tp, fp, fn in rows if tp + fn > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f

def norm(s):
    return ' '.join(unicodedata.normalize('NFC', s or '').split()).casefold()

# Elements that start a new line when a page is shown: their text is kept
# apart from the text around them. Any other element (a, b, span, sub,
# font, ...) is inline: its text joins its neighbours as a reader sees it
# ("H<sub>ij</sub>" is "Hij", a drop cap "<span>Z</span>imbabwe" is
# "Zimbabwe", CJK text split over <a>/<span> stays one run).
BLOCK_TAGS = frozenset('''address article aside blockquote br caption dd details dialog
    div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr img
    li main nav ol option p pre section summary table tbody td tfoot th thead tr ul'''.split())

def html_text(html):
    """The text of an HTML fragment as it reads: block elements apart,
    inline elements joined (see BLOCK_TAGS). --session12-join: every text
    node apart (the measure up to session 12, which split a word whose
    letters sit in two elements)."""
    import lxml.html
    if not html or not html.strip():
        return ''
    try:
        doc = lxml.html.fromstring(html)
    except Exception:
        return ''
    for bad in doc.xpath('//script|//style'):
        bad.getparent().remove(bad) if bad.getparent() is not None else None
    if OLD_JOIN:
        return ' '.join(doc.itertext())
    out = []
    stack = [doc]                   # elements to open, or strings to write
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
            continue
        block = isinstance(node.tag, str) and node.tag.lower() in BLOCK_TAGS
        if node is not doc and node.tail:
            stack.append(node.tail)
        if block:
            stack.append(' ')
        stack.extend(reversed(list(node)))
        if isinstance(node.tag, str) and node.text:
            stack.append(node.text)
        if block:
            stack.append(' ')
    return ''.join(out)

def parse_date(s):
    if not s:
        return None
    s = s.strip().replace('Z', '+00:00')
    if re.fullmatch(r'\d{4}-\d\d-\d\d', s):
        return ('date', s)
    try:
        d = datetime.fromisoformat(s.replace(' ', 'T', 1) if 'T' not in s else s)
    except ValueError:
        return ('bad', s)
    return ('dt', d)

def same_date(exp, got):
    e, g = parse_date(exp), parse_date(got)
    # a midnight without a zone is how fundus records a date alone
    if e and e[0] == 'dt' and e[1].tzinfo is None and (e[1].hour, e[1].minute, e[1].second) == (0, 0, 0):
        e = ('date', e[1].date().isoformat())
        if g and g[0] == 'dt':
            g = ('date', g[1].date().isoformat())
    if not e or not g or e[0] == 'bad' or g[0] == 'bad':
        return False
    if e[0] == 'date' or g[0] == 'date':
        return e[0] == g[0] and e[1] == g[1]
    a, b = e[1], g[1]
    if a.tzinfo and b.tzinfo:
        return a.astimezone(timezone.utc).replace(second=0, microsecond=0) == \
               b.astimezone(timezone.utc).replace(second=0, microsecond=0)
    return a.replace(tzinfo=None, second=0, microsecond=0) == b.replace(tzinfo=None, second=0, microsecond=0)

# Words of a byline that are not a name: the byline's own words and its
# date and time. Dropped from the expected bylines and from every
# system's answer alike (Readability's expected bylines are raw strings:
# "Written by Rob Ewaschuk", "By Nathan Willis March 25, 2015").
BYLINE_WORDS = {'by', 'written', 'edited', 'posted', 'published', 'updated', 'last', 'at',
                'on', 'am', 'pm', 'utc', 'gmt',
                'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov',
                'dec', 'january', 'february', 'march', 'april', 'may', 'june', 'july',
                'august', 'september', 'october', 'november', 'december'}

# Words that join the names of a list ("A and B", "A (avec B et C)"):
# not names either (session 7).
LIST_WORDS = {'and', 'with', 'avec', 'et', 'und', 'mit', 'con', 'y', 'e', 'og', 'och', 'met',
              'và', 'и', 'с'}
URL = re.compile(r'\S+://\S+')
GLUED_DIGITS = re.compile(r'(?<=[^\W\d_])(?=\d)')

def author_tokens(names):
    s = ' '.join(names) if isinstance(names, list) else (names or '')
    if not NAMES_ONLY:
        return {t.casefold() for t in tokens(s) if not any(c.isdigit() for c in t)} - {'by'}
    if not OLD_NAMES:
        # a URL in a byline is no name ("Bradley M. Kuhn (http://ebb.org/bkuhn/)"),
        # a date glued to a name by the markup ("Lucas Nolan22 Dec 2016") is cut off
        s = GLUED_DIGITS.sub(' ', URL.sub(' ', s))
    drop = BYLINE_WORDS if OLD_NAMES else BYLINE_WORDS | LIST_WORDS
    return {t.casefold() for t in tokens(s) if not any(c.isdigit() for c in t)} - drop

# ---- the pages ------------------------------------------------------
def pages():
    out = []
    for d in sorted(glob.glob(os.path.join(EX, 'readability-pages', '*', ''))):
        src = os.path.join(d, 'source.html')
        if not os.path.exists(src):
            continue
        meta = {}
        mp = os.path.join(d, 'expected-metadata.json')
        if os.path.exists(mp):
            meta = json.load(open(mp, encoding='utf-8'))
        exp_html = open(os.path.join(d, 'expected.html'), encoding='utf-8').read() \
            if os.path.exists(os.path.join(d, 'expected.html')) else ''
        name = os.path.basename(os.path.dirname(src))
        half = 'A' if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else 'B'
        out.append(dict(set='readability', half=half, path=src, url='http://fakehost/test/page.html',
                        body=html_text(exp_html), title=meta.get('title'),
                        date=meta.get('publishedTime'),
                        authors=meta.get('byline') or None))
    skipped = 0
    for j in sorted(glob.glob(os.path.join(EX, 'fundus-pages', '*', '*.json'))):
        cc = os.path.dirname(j)
        pub = os.path.basename(j)[:-5]
        exp = json.load(open(j, encoding='utf-8'))
        files = sorted(glob.glob(os.path.join(cc, pub + '_*.html.gz')))
        info = {}
        ip = os.path.join(cc, 'meta.info')
        if os.path.exists(ip):
            info = json.load(open(ip, encoding='utf-8'))
        keys = list(exp.keys())
        if len(keys) != len(files):
            skipped += len(files)
            continue
        # pair versions with pages: the page whose text holds most of the
        # expected title and first paragraph (date order breaks ties)
        import html as htmlmod
        texts = [htmlmod.unescape(gzip.open(f).read().decode('utf-8', 'replace')) for f in files]
        def fit(e, t):
            body = e.get('body', {})
            paras = [x for sec in body.get('sections', []) for x in sec.get('paragraphs', [])]
            probes = [e.get('title') or ''] + paras[:3]
            return sum(1 for x in probes if x and x[:60] in t)
        order, free = [], list(range(len(files)))
        for k in keys:
            best = max(free, key=lambda i: (fit(exp[k], texts[i]), -i))
            order.append(best)
            free.remove(best)
        for k, fi in zip(keys, order):
            f = files[fi]
            e = exp[k]
            body = e.get('body', {})
            parts = list(body.get('summary', []))
            for sec in body.get('sections', []):
                parts += sec.get('headline', []) + sec.get('paragraphs', [])
            half = 'A' if hashlib.sha1(pub.encode()).digest()[0] % 2 == 0 else 'B'
            out.append(dict(set='fundus', half=half, pub=pub, path=f,
                            url=info.get(os.path.basename(f), {}).get('url', ''),
                            body='\n'.join(parts), title=e.get('title'),
                            date=e.get('publishing_date'),
                            authors=e.get('authors') or None,
                            images=e.get('images') or []))
    if skipped:
        print(f'(fundus: {skipped} pages skipped: versions and pages do not pair up)')
    return out

# ---- systems --------------------------------------------------------
def run_hoso(ps):
    res = []
    for p in ps:
        r = subprocess.run([HOSO, 'extract', '--spans', '--url', p['url'] or 'http://localhost/', p['path']],
                           capture_output=True)
        try:
            a = json.loads(r.stdout.decode('utf-8').splitlines()[0])
        except Exception:
            res.append(dict(text='', title=None, date=None, authors=[]))
            continue
        blocks = []
        if a.get('lead'):
            blocks.append((-1, a['lead']))
        for t, sp in zip(a.get('body', []), a.get('body_spans', [])):
            blocks.append((sp[0] if sp else 0, t))
        for c in a.get('captions', []):
            blocks.append((c.get('start', 0), c['text']))
        blocks.sort(key=lambda x: x[0])
        res.append(dict(text='\n'.join(t for _, t in blocks), title=a.get('title'),
                        date=a.get('published'), authors=a.get('authors') or [],
                        captions=[(c['text'], c.get('credit')) for c in a.get('captions', [])]))
    return res

def page_list(ps):
    path = '/tmp/hoso-eval-%d.tsv' % os.getpid()
    with open(path, 'w') as f:
        for p in ps:
            f.write('%s\t%s\n' % (p['path'], p['url'] or 'http://localhost/'))
    return path

def run_readability_js(ps, text=True):
    lst = page_list(ps)
    args = ['node', os.path.join(HERE, 'readability_run.js'), lst] + ([] if text else ['--no-text'])
    r = subprocess.run(args, capture_output=True)
    os.unlink(lst)
    out = [json.loads(l) for l in r.stdout.decode('utf-8').splitlines() if l.strip()]
    if len(out) != len(ps):
        sys.exit('readability_run.js failed: %s' % r.stderr.decode()[-2000:])
    return [dict(content=o.get('content') or '', text_s12=o.get('text') or '',
                 title=o.get('title'), date=o.get('publishedTime'),
                 authors=o.get('byline') or '', ms=o['ms']) for o in out]

def read_page(p):
    raw = open(p['path'], 'rb').read()
    if p['path'].endswith('.gz'):
        raw = gzip.decompress(raw)
    return raw.decode('utf-8', 'replace')

def run_py_readability(ps):
    from readability import Document
    res = []
    for p in ps:
        html = read_page(p)
        t0 = time.process_time()
        try:
            d = Document(html, url=p['url'] or None)
            content, title = d.summary(html_partial=True), d.short_title()
        except Exception:
            content, title = '', None
        ms = (time.process_time() - t0) * 1000
        res.append(dict(content=content, title=title, date=None, authors=None, ms=ms))
    return res

# ---- scoring --------------------------------------------------------
def score(ps, res):
    out = {}
    for subset in SUBSETS:
        idx = [i for i, p in enumerate(ps) if in_subset(p, subset)]
        rows = [tp_fp_fn(ps[i]['body'], res[i]['text']) for i in idx]
        p, r, f = prf(rows)
        t_idx = [i for i in idx if ps[i]['title']]
        title = sum(norm(ps[i]['title']) == norm(res[i]['title']) for i in t_idx) / max(1, len(t_idx))
        d_idx = [i for i in idx if ps[i]['date']]
        date = sum(same_date(ps[i]['date'], res[i]['date']) for i in d_idx) / max(1, len(d_idx))
        a_idx = [i for i in idx if author_tokens(ps[i]['authors'])]
        au = sum(author_tokens(ps[i]['authors']) == author_tokens(res[i]['authors'] or '')
                 for i in a_idx) / max(1, len(a_idx)) if res[0]['authors'] is not None else None
        out[subset] = dict(n=len(idx), p=p, r=r, f=f, title=title, nt=len(t_idx), date=date,
                           nd=len(d_idx), authors=au, na=len(a_idx))
    return out

SUBSETS = ('readability', 'readability-A', 'readability-B', 'fundus', 'fundus-A', 'fundus-B',
           'all')

# Captions (session 15; fundus pages, whose records list each image's
# caption and its credit as "authors"): an expected caption is found when
# one of the system's captions has its tokens (multiset F1 >= 0.8); its
# credit is right when the found caption's credit has the same name tokens
# as the record's (author_tokens, as for bylines). Only hoso gives
# captions apart from its text; Readability's are inside its content.
def caption_match(exp, got):
    e = collections.Counter(t.casefold() for t in tokens(exp))
    best = None, 0.0
    for g in got:
        c = collections.Counter(t.casefold() for t in tokens(g[0]))
        tp = sum((e & c).values())
        f = 2 * tp / (sum(e.values()) + sum(c.values())) if tp else 0.0
        if f > best[1]:
            best = g, f
    return best[0] if best[1] >= 0.8 else None

def caption_scores(ps, res, idx):
    found = n = cred_ok = cred_n = 0
    for i in idx:
        for im in ps[i].get('images', []):
            if not im.get('caption'):
                continue
            n += 1
            g = caption_match(im['caption'], res[i]['captions'])
            if g is None:
                continue
            found += 1
            if author_tokens(im.get('authors') or []):
                cred_n += 1
                cred_ok += author_tokens(im['authors']) == author_tokens(g[1] or '')
    return n, found, cred_n, cred_ok

def write_captions(ps, res, path):
    """One JSON line per expected fundus caption: the record's caption and
    credit, hoso's best match (or null) and whether its credit is right, so
    the misses can be read and counted by class."""
    with open(path, 'w') as f:
        for i, p in enumerate(ps):
            for im in p.get('images', []):
                if not im.get('caption'):
                    continue
                g = caption_match(im['caption'], res[i]['captions'])
                has_credit = bool(author_tokens(im.get('authors') or []))
                f.write(json.dumps(dict(
                    path=p['path'], half=p.get('half'), caption=im['caption'],
                    credit=im.get('authors'), found=g is not None,
                    got=g[0] if g else None, got_credit=g[1] if g else None,
                    credit_right=(author_tokens(im['authors']) == author_tokens(g[1] or ''))
                    if g is not None and has_credit else None), ensure_ascii=False) + '\n')

def print_captions(ps, res):
    print('\n[captions: fundus records\' image captions found by hoso (tokens F1 >= 0.8), and '
          'of those with a credit in the record, the credit right (name tokens)]')
    print('%-12s %9s %9s %9s %9s' % ('set', 'captions', 'found', 'credits', 'right'))
    for subset in ('fundus', 'fundus-A', 'fundus-B'):
        idx = [i for i, p in enumerate(ps) if in_subset(p, subset)]
        n, found, cred_n, cred_ok = caption_scores(ps, res, idx)
        print('%-12s %9d %9.3f %9d %9.3f' % (subset, n, found / max(1, n), cred_n,
                                              cred_ok / max(1, cred_n)))

def in_subset(p, subset):
    if subset == 'all':
        return True
    if subset[-2:] in ('-A', '-B'):
        return p['set'] == subset[:-2] and p['half'] == subset[-1]
    return p['set'] == subset

def page_scores(ps, systems):
    rows = []
    for i, p in enumerate(ps):
        row = dict(path=p['path'], set=p['set'], half=p.get('half'))
        for name, res in systems:
            tp, fp, fn = tp_fp_fn(p['body'], res[i]['text'])
            row[name] = dict(f1=(2 * tp / (2 * tp + fp + fn)) if tp else 0.0, fp=fp, fn=fn,
                             title=norm(p['title']) == norm(res[i]['title']) if p['title'] else None,
                             date=same_date(p['date'], res[i]['date']) if p['date'] else None,
                             authors=(author_tokens(p['authors']) == author_tokens(res[i]['authors'] or ''))
                             if author_tokens(p['authors']) and res[i]['authors'] is not None else None,
                             got_title=res[i]['title'], got_date=res[i]['date'],
                             got_authors=res[i]['authors'])
        row['exp'] = dict(title=p['title'], date=p['date'], authors=p['authors'])
        rows.append(row)
    return rows

def cached(name, fn, ps):
    path = os.path.join(CACHE, name + '.json')
    if ONLY_HOSO and os.path.exists(path):
        res = json.load(open(path))
        if len(res) == len(ps) and all('content' in r for r in res):
            return with_text(res)
    res = fn(ps)
    os.makedirs(CACHE, exist_ok=True)
    json.dump(res, open(path, 'w'))
    return with_text(res)

def with_text(res):
    """Cached results with their text read by this run's measure."""
    for r in res:
        r['text'] = r['text_s12'] if OLD_JOIN and 'text_s12' in r else html_text(r['content'])
    return res

def fmt(x):
    return '  n/a ' if x is None else '%.3f' % x

def main():
    ps = pages()
    if not ps:
        sys.exit('no pages under %s' % EX)
    if BENCH:
        bench(ps)
        return
    systems = [('hoso', run_hoso(ps)),
               ('readability.js', cached('readability.js', run_readability_js, ps)),
               ('python3-readability', cached('python3-readability', run_py_readability, ps))]
    if PAGES_OUT:
        with open(PAGES_OUT, 'w') as f:
            for row in page_scores(ps, systems):
                f.write(json.dumps(row, ensure_ascii=False) + '\n')
    print('Article extraction: %d pages (%d readability test pages, %d fundus pages)' %
          (len(ps), sum(p['set'] == 'readability' for p in ps), sum(p['set'] == 'fundus' for p in ps)))
    for subset in SUBSETS:
        scored = [(name, score(ps, res)[subset]) for name, res in systems]
        s0 = scored[0][1]
        print('\n[%s pages: %d; title on %d, date on %d, authors on %d]' %
              (subset, s0['n'], s0['nt'], s0['nd'], s0['na']))
        print('%-20s %9s %7s %7s %7s %7s %7s' % ('system', 'body-P', 'body-R', 'body-F1',
                                                'title', 'date', 'authors'))
        for name, s in scored:
            print('%-20s %9s %7s %7s %7s %7s %7s' % (name, fmt(s['p']), fmt(s['r']), fmt(s['f']),
                                                    fmt(s['title']),
                                                    fmt(s['date']) if name != 'python3-readability' else '  n/a ',
                                                    fmt(s['authors'])))
    print_captions(ps, systems[0][1])
    if CAPTIONS_OUT:
        write_captions(ps, systems[0][1], CAPTIONS_OUT)
    print('\n(-A / -B: the pages split by sha1 parity of publisher (fundus) or test name '
          '(readability); tuning looked at the A halves only)')
    print('\n(python3-readability gives no date or author; Readability.js dates come from its '
          'metadata, its authors from its byline)')

def peak_rss_kb(args):
    """Peak resident set of one run of args (KiB), by GNU time (Debian
    package time): a child forked from this big Python process would
    report Python's peak, not its own."""
    r = subprocess.run(['/usr/bin/time', '-f', '%M'] + args, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    return int(r.stderr.decode().strip().splitlines()[-1])

def memory(ps):
    """Peak memory of hoso extract on the largest pages, beyond the
    process's own baseline (a tiny page), per byte of HTML."""
    import tempfile
    big = sorted(ps, key=lambda p: -len(read_page(p).encode('utf-8')))[:5]
    with tempfile.NamedTemporaryFile('w', suffix='.html', delete=False) as f:
        f.write('<html><body><p>x</p></body></html>')
        tiny = f.name
    base = min(peak_rss_kb([HOSO, 'extract', tiny]) for _ in range(3))
    os.unlink(tiny)
    print('\nPeak memory of hoso extract (one page per process; baseline %.1f MB '
          'on a tiny page subtracted)' % (base * 1024 / 1e6))
    print('%-40s %10s %12s %10s' % ('page', 'HTML MB', 'extra MB', 'x page'))
    ratios = []
    for p in big:
        mb = len(read_page(p).encode('utf-8')) / 1e6
        raw = p['path']
        if raw.endswith('.gz'):  # give hoso the plain page: gunzip buffers are not the parser's
            with tempfile.NamedTemporaryFile('wb', suffix='.html', delete=False) as f:
                f.write(gzip.decompress(open(raw, 'rb').read()))
                raw = f.name
        peak = peak_rss_kb([HOSO, 'extract', raw])
        if raw != p['path']:
            os.unlink(raw)
        extra = max(0, peak - base) * 1024 / 1e6
        ratios.append(extra / mb)
        print('%-40s %10.2f %12.1f %9.1fx' % (os.path.basename(p['path'])[:40], mb, extra, extra / mb))
    print('%-40s %10s %12s %9.1fx' % ('median', '', '', sorted(ratios)[len(ratios) // 2]))

def bench(ps):
    paths = [p['path'] for p in ps]
    # hoso: one process over all pages, CPU time of the child
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([HOSO, 'extract'] + paths, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    hoso_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    before = after
    rj = run_readability_js(ps, text=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    rj_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rj_parse = sum(r['ms'] for r in rj) / 1000
    py = run_py_readability(ps)
    py_cpu = sum(r['ms'] for r in py) / 1000
    n = len(ps)
    mb = sum(len(read_page(p).encode('utf-8')) for p in ps) / 1e6
    print('Extraction speed: %d pages (%.1f MB of HTML), one core each' % (n, mb))
    print('%-34s %10s %12s %10s' % ('system', 'CPU s', 'pages/s', 'hoso is'))
    hp = n / hoso_cpu
    print('%-34s %10.2f %12.1f %10s' % ('hoso extract', hoso_cpu, hp, '1.0x'))
    print('%-34s %10.2f %12.1f %9.1fx' % ('readability.js (parse+extract CPU)', rj_parse, n / rj_parse, hp / (n / rj_parse)))
    print('%-34s %10.2f %12.1f %9.1fx' % ('readability.js (whole process)', rj_cpu, n / rj_cpu, hp / (n / rj_cpu)))
    print('%-34s %10.2f %12.1f %9.1fx' % ('python3-readability', py_cpu, n / py_cpu, hp / (n / py_cpu)))
    memory(ps)

if __name__ == "__main__":
    main()
