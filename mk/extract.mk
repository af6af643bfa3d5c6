# mk/extract.mk -- article extraction: `make eval` and `make bench` figures
# beside Mozilla Readability (npm, bench/extract/package-lock.json) and
# Debian's python3-readability, on ../shared/data/extraction. See README
# (extract). The fuzz harnesses fuzz/fuzz_extract_html.c and
# fuzz/fuzz_dates.c are built by `make fuzz` like every fuzz/fuzz_*.c.
EXTRACT_PY := /usr/bin/python3

.PHONY: eval-extract bench-extract extract-bench-deps
bench/extract/node_modules/.ok: bench/extract/package.json bench/extract/package-lock.json
	@scripts/deps.sh ensure extract-eval
	cd bench/extract && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

extract-bench-deps: bench/extract/node_modules/.ok
	@scripts/deps.sh ensure extract-eval

eval-extract: release extract-bench-deps
	@nice $(EXTRACT_PY) bench/extract/eval.py build/release/hoso $(SHARED)

bench-extract: release extract-bench-deps
	@nice $(EXTRACT_PY) bench/extract/eval.py build/release/hoso $(SHARED) --bench

EVAL_TARGETS += eval-extract
BENCH_TARGETS += bench-extract
