# revops — build, test, benchmark.
#
#   make            dist/revops.so (the loadable extension), dist/librevops.a and
#                   dist/revops_import.so (the import module: the only one that reads files)
#   make test       install what is missing (as root on Debian), build, run every suite
#   make asan       the same suites against an ASan+UBSan build, leak detection on
#   make demo       build demo.db, install the views, print the sales dashboard
#   make dashboard PERSONA=sales DB=demo.db [ARGS='--segment SMB']
#                   print a persona's dashboard (sql/dashboards/PERSONA.sql)
#   make bench      benchmarks with side-by-side baselines (not part of test)
#   make fuzz       libFuzzer on the core parsers, then the SQL fuzz, each
#                   for FUZZ_SECONDS (docs/security.md)
#   make install    copy the extension and header under $(PREFIX)
#   make clean

CC      ?= cc
CFLAGS  ?= -std=c11 -O2 -g -Wall -Wextra -Wpedantic -Wshadow
# What every object needs, whatever CFLAGS the caller passes.
XCFLAGS  = -fPIC -fvisibility=hidden -Iinclude -Iext/core
LDLIBS   = -lm
PREFIX  ?= /usr/local

# Where objects and outputs go; `make asan` reruns this file with others.
BUILD   ?= build
DIST    ?= dist

UNAME_S := $(shell uname -s)
ifeq ($(UNAME_S),Darwin)
  SOEXT = dylib
  SOFLAGS = -dynamiclib -undefined dynamic_lookup
else
  SOEXT = so
  # Full RELRO: relocations resolved at load, then the GOT made read-only
  # (docs/security.md; tests/run.sh's security layer checks it).  ELF
  # linkers only: a MinGW cross build (CC=x86_64-w64-mingw32-gcc) has no -z.
  ifeq ($(findstring mingw,$(shell $(CC) -dumpmachine 2>/dev/null)),)
    SOFLAGS = -shared -Wl,-z,relro,-z,now
  else
    SOFLAGS = -shared
  endif
endif

CORE_SRC   := $(wildcard ext/core/*.c)
SQLITE_SRC := $(wildcard ext/sqlite/*.c)
HEADERS    := include/revops.h $(wildcard ext/core/*.h) $(wildcard ext/sqlite/*.h)

CORE_OBJ   := $(patsubst ext/core/%.c,$(BUILD)/core/%.o,$(CORE_SRC))
EXT_OBJ    := $(patsubst ext/sqlite/%.c,$(BUILD)/ext/%.o,$(SQLITE_SRC))
# The import module: file readers and the loader, apart from the query
# extension (docs/data.md "Two artefacts"); it needs only these core files.
IMPORT_SRC := $(wildcard ext/import/*.c)
IMPORT_OBJ := $(patsubst ext/import/%.c,$(BUILD)/import/%.o,$(IMPORT_SRC)) \
              $(BUILD)/core/csv.o $(BUILD)/core/buf.o $(BUILD)/core/date.o
STATIC_OBJ := $(patsubst ext/sqlite/%.c,$(BUILD)/static/%.o,$(SQLITE_SRC))

EXT     = $(DIST)/revops.$(SOEXT)
IMPORT_EXT = $(DIST)/revops_import.$(SOEXT)
STATIC  = $(DIST)/librevops.a
CTESTS  = $(BUILD)/tests/core_tests
CSTATIC = $(BUILD)/tests/static_tests
# The demo generator and its knobs: SCALE multiplies the row counts
# (SCALE=100: about 10 million lead events), SEED picks another company.
GEN      = $(BUILD)/demo/gen
DEMO_CSV = $(BUILD)/demo/csv
SCALE   ?= 1
SEED    ?= 20260301

.PHONY: all test asan check-deps demo dashboard bench install clean test-run fuzz FORCE

all: $(EXT) $(STATIC) $(IMPORT_EXT)

# Objects rebuild when the flags change (make test adds -Werror).
$(BUILD)/cflags.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(CC) $(CFLAGS)' | cmp -s - $@ || echo '$(CC) $(CFLAGS)' > $@

$(BUILD)/core/%.o: ext/core/%.c $(HEADERS) $(BUILD)/cflags.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(XCFLAGS) -c $< -o $@

# The loadable extension: calls SQLite through the sqlite3_api table.
$(BUILD)/ext/%.o: ext/sqlite/%.c $(HEADERS) $(BUILD)/cflags.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(XCFLAGS) -c $< -o $@

# The static library: same sources, linked straight against libsqlite3.
$(BUILD)/static/%.o: ext/sqlite/%.c $(HEADERS) $(BUILD)/cflags.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(XCFLAGS) -DSQLITE_CORE -c $< -o $@

$(BUILD)/import/%.o: ext/import/%.c $(HEADERS) $(wildcard ext/import/*.h) $(BUILD)/cflags.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(XCFLAGS) -c $< -o $@

$(IMPORT_EXT): $(IMPORT_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SOFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(EXT): $(CORE_OBJ) $(EXT_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SOFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(STATIC): $(CORE_OBJ) $(STATIC_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

# C unit tests of ext/core: no SQLite at all.
$(CTESTS): $(wildcard tests/core/*.c) $(wildcard tests/core/*.h) $(CORE_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Iinclude -Iext/core -Itests/core -o $@ $(wildcard tests/core/*.c) $(CORE_OBJ) $(LDFLAGS) $(LDLIBS)

# C tests of the static library against libsqlite3.
$(CSTATIC): $(wildcard tests/static/*.c) $(wildcard tests/static/*.h) $(STATIC)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Iinclude -Itests/core -o $@ $(wildcard tests/static/*.c) $(STATIC) $(LDFLAGS) -lsqlite3 $(LDLIBS)

# Fuzzing (tests/fuzz/, docs/security.md).  The suite replays each
# harness's corpus through replay.c (plain cc, sanitizers under make asan)
# and runs the SQL fuzz for a fixed number of rounds; `make fuzz` runs the
# real thing for FUZZ_SECONDS per target.
FUZZ_TARGETS  = date json csv money
FUZZ_REPLAY   = $(patsubst %,$(BUILD)/fuzz/replay_%,$(FUZZ_TARGETS))
SQLFUZZ       = $(BUILD)/fuzz/sqlfuzz
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_DIR      = build/libfuzzer

$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz_alloc.c tests/fuzz/fuzz.h $(CORE_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Iinclude -Iext/core -Itests/fuzz -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/replay.c tests/fuzz/fuzz_alloc.c $(CORE_OBJ) $(LDFLAGS) $(LDLIBS)

$(SQLFUZZ): tests/fuzz/sqlfuzz.c $(STATIC)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Iinclude -Iext/core -o $@ $< $(STATIC) $(LDFLAGS) -lsqlite3 $(LDLIBS)

fuzz:
	@mkdir -p $(FUZZ_DIR)
	@set -e; for t in $(FUZZ_TARGETS); do \
	  $(FUZZ_CC) -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -Iinclude -Iext/core -Itests/fuzz -o $(FUZZ_DIR)/fuzz_$$t tests/fuzz/fuzz_$$t.c tests/fuzz/fuzz_alloc.c $(CORE_SRC) -lm; \
	  mkdir -p $(FUZZ_DIR)/corpus_$$t; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s (new inputs: $(FUZZ_DIR)/corpus_$$t; crashes: $(FUZZ_DIR)/)"; \
	  $(FUZZ_DIR)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_DIR)/$$t- $(FUZZ_DIR)/corpus_$$t tests/fuzz/corpus/$$t 2>&1 | \
	    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added|==[0-9]+==|SUMMARY|Done)' || true; \
	done
	$(MAKE) --no-print-directory BUILD=build/asan DIST=build/asan/dist CFLAGS="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" build/asan/fuzz/sqlfuzz
	build/asan/fuzz/sqlfuzz -seed $$(date +%s) -seconds $(FUZZ_SECONDS)

# Fresh Debian machines lack sqlite3 and its headers; install them when
# we can (root), otherwise say exactly what to run.
check-deps:
	@sh tests/deps.sh

# Warnings are errors under test: the build must stay clean.
test: check-deps
	$(MAKE) --no-print-directory CFLAGS="$(CFLAGS) -Werror" test-run

test-run: $(EXT) $(IMPORT_EXT) $(CTESTS) $(CSTATIC) $(GEN) $(FUZZ_REPLAY) $(SQLFUZZ)
	@REVOPS_ASAN=$(REVOPS_ASAN) REVOPS_FUZZ_BIN=$(BUILD)/fuzz bash tests/run.sh $(EXT) $(CTESTS) $(CSTATIC) $(GEN)

# Sanitizers: a separate build tree, the same suites.  The sqlite3 shell
# is not instrumented, so the ASan runtime is preloaded into it.
ASAN_FLAGS = -std=c11 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Wpedantic -Wshadow -Werror
asan: check-deps
	$(MAKE) --no-print-directory BUILD=build/asan DIST=build/asan/dist CFLAGS="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" REVOPS_ASAN=1 test-run

# The demo: a deterministic generator (sql/demo/gen.c, its own PRNG) writes
# one CSV per table, the ordinary import loads them into demo.db, and the
# dashboard prints.
$(GEN): sql/demo/gen.c $(BUILD)/cflags.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< $(LDFLAGS)

demo: $(EXT) $(IMPORT_EXT) $(GEN)
	@rm -rf $(DEMO_CSV) demo.db demo.db-journal demo.db-wal
	@mkdir -p $(DEMO_CSV)
	$(GEN) $(DEMO_CSV) $(SCALE) $(SEED)
	sh sql/import/import.sh demo.db $(DEMO_CSV) ./$(basename $(IMPORT_EXT))
	sh sql/views/install.sh demo.db ./$(basename $(EXT))
	@$(PYTHON) tools/print_dashboard.py demo.db $(PERSONA) --ext ./$(basename $(EXT))

# One persona's dashboard, readable in the terminal (tools/print_dashboard.py;
# ARGS passes filters: --segment, --region, --channel, --start-date,
# --end-date, --as-of).  The views must be installed in DB (make demo does).
PERSONA ?= sales
DB      ?= demo.db
PYTHON  ?= /usr/bin/python3
dashboard: $(EXT)
	@$(PYTHON) tools/print_dashboard.py $(DB) $(PERSONA) --ext ./$(basename $(EXT)) $(ARGS)

bench: $(EXT) $(IMPORT_EXT)
	@bash bench/run.sh $(EXT)

install: $(EXT) $(STATIC) $(IMPORT_EXT)
	install -d $(DESTDIR)$(PREFIX)/lib/sqlite3 $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib
	install -m 0755 $(EXT) $(DESTDIR)$(PREFIX)/lib/sqlite3/
	install -m 0644 $(STATIC) $(DESTDIR)$(PREFIX)/lib/
	install -m 0644 include/revops.h $(DESTDIR)$(PREFIX)/include/

clean:
	rm -rf build dist
