# mk/demo.mk -- `make test-demo` runs `make demo` itself (tests/demo/run.sh)
# and is part of `make test`.
TEST_EXTRA_TARGETS += test-demo
test-demo: release
	@MAKE="$(MAKE)" tests/demo/run.sh
.PHONY: test-demo
