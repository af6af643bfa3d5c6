# mk/server.mk -- `hoso serve`: web root, browser tests, HTTP bench, fuzz.
BASE_CFLAGS += -DHOSO_WEB_DIR_DEFAULT='"$(abspath web)"'
# TEMPORARY (apps/server/store_stub.c): until src/store implements the
# archive calls declared in include/hoso.h, the server links stand-ins
# that answer 503. Detected, so the stubs can never shadow the real ones.
ifeq ($(shell grep -ls '^int hoso_archive_open' src/store/*.c 2>/dev/null),)
BASE_CFLAGS += -DSRV_STORE_STUBS
endif
# Rebuild what depends on that flag whenever src/store changes.
$(foreach v,release asan,build/$(v)/obj/apps/server/store_stub.o build/$(v)/obj/apps/server/cmd_serve.o): $(wildcard src/store/*.c)
