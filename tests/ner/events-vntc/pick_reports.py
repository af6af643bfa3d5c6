#!/usr/bin/env python3
"""How dev4 was picked (session 4 picked dev3 the same way, by hand): VNTC world (TG), society (XH) and business (KD)
reports whose title has an event trigger word and whose next two lines name a post, in
sha1(id) order, skipping reports in dev, dev2, dev3 and test and texts identical to an earlier
pick (add dev4 to that list to pick a dev5).
The excerpt is the first three lines.  Usage:
  pick_reports.py ../shared/data/news/vntc.jsonl.gz N [OUTDIR]   (prints the ids)"""
import gzip, hashlib, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
TRIG = re.compile(r'(hội đàm|điện đàm|hội kiến|\btiếp\b|\bgặp\b|đối thoại|\bthăm\b|\bký\b|ký kết|\btrao\b|\btặng\b)', re.I)
POST = re.compile(r'(Thủ tướng|Tổng thống|Bộ trưởng|Chủ tịch|Đại sứ|Ngoại trưởng|Thứ trưởng|Tổng bí thư|'
                  r'Tổng thư ký|Phó thủ tướng|Quốc vụ khanh|Tư lệnh)')

def main():
    src, n = sys.argv[1], int(sys.argv[2])
    out = sys.argv[3] if len(sys.argv) > 3 else None
    used = set()
    for split in ('dev', 'dev2', 'dev3', 'test'):
        for f in os.listdir(os.path.join(HERE, split)):
            if f.endswith('.txt'): used.add(f[:-4])
    rows = []
    for line in gzip.open(src, 'rt', encoding='utf-8'):
        d = json.loads(line)
        if d['topic'] not in ('TG', 'XH', 'KD') or d['id'] in used: continue
        lines = d['text'].split('\n')
        if len(lines) < 3 or not TRIG.search(lines[0]) or not POST.search('\n'.join(lines[1:3])): continue
        rows.append((hashlib.sha1(d['id'].encode()).hexdigest(), d['id'], '\n'.join(lines[:3]) + '\n'))
    rows.sort()
    seen = set(); k = 0
    for _, i, text in rows:
        if k == n: break
        if text in seen: continue
        seen.add(text); k += 1
        print(i)
        if out:
            with open(os.path.join(out, i + '.txt'), 'w', encoding='utf-8') as f: f.write(text)

if __name__ == '__main__':
    main()
