# mk/server.mk -- `hoso serve`: web root, browser tests, HTTP bench, fuzz.
BASE_CFLAGS += -DHOSO_WEB_DIR_DEFAULT='"$(abspath web)"'
