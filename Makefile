# revops — build, test, benchmark.
#
#   make            dist/revops.so (the loadable extension), dist/librevops.a and
#                   dist/revops_import.so (the import module: the only one that reads files)
#   make test       install what is missing (as root on Debian), build, run every suite
#   make asan       the same suites against an ASan+UBSan build, leak detection on
#   make demo       build demo.db, install the views, print the sales dashboard
#                   (revops demo; every target below runs the revops command, tools/revops)
#   make dashboard PERSONA=sales DB=demo.db [ARGS='--segment SMB']
#                   print a persona's dashboard (sql/dashboards/PERSONA.sql)
#   make windows    dist/revops.dll, cross-compiled with mingw-w64
#   make regen      regenerate the committed generated files (docs/metrics.md)
#   make mutate     the mutation experiments: each must make the suite fail (slow;
#                   MUTATE_ONLY=TEXT: those whose name contains it)
#   make report     the persona dashboards as HTML pages (DB=demo.db)
#   make bench      benchmarks with side-by-side baselines (not part of test)
#   make postgres   build/pg/revops.so: revops for PostgreSQL 15 (PGXS; docs/postgres.md)
#   make pg-test    the postgres layer alone; make pg-install installs the extension
#   make fuzz       libFuzzer on the core parsers, then the SQL fuzz, each
#                   for FUZZ_SECONDS (docs/security.md)
#   make install    the extension, library, header and the revops command under $(PREFIX)
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
# Each binding is compiled once: the loadable extension and the static
# library link the same objects, which call SQLite through the sqlite3_api
# table; only the default table differs (ext/api/loadable.c: none; the
# static library's is generated from the sources by tools/gen_api_table.sh).
EXT_OBJ    := $(patsubst ext/sqlite/%.c,$(BUILD)/ext/%.o,$(SQLITE_SRC))
# The import module: file readers and the loader, apart from the query
# extension (docs/data.md "Two artefacts"); it needs only these core files.
IMPORT_SRC := $(wildcard ext/import/*.c)
IMPORT_OBJ := $(patsubst ext/import/%.c,$(BUILD)/import/%.o,$(IMPORT_SRC)) \
              $(BUILD)/core/csv.o $(BUILD)/core/buf.o $(BUILD)/core/date.o
SQLITE_INCLUDE ?= /usr/include

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

.PHONY: postgres pg-test pg-install wine-test serve regen test-build all test asan check-deps demo dashboard bench install clean test-run mutate windows fuzz alerts FORCE report datasette-metadata bi-refresh

all: $(EXT) $(STATIC) $(IMPORT_EXT)

# Objects rebuild when the flags change (make test adds -Werror).
$(BUILD)/cflags.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(CC) $(CFLAGS)' | cmp -s - $@ || echo '$(CC) $(CFLAGS)' > $@

$(BUILD)/core/%.o: ext/core/%.c $(HEADERS) $(BUILD)/cflags.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(XCFLAGS) -c $< -o $@

# The bindings call SQLite through the sqlite3_api table.
$(BUILD)/ext/%.o: ext/sqlite/%.c $(HEADERS) $(BUILD)/cflags.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(XCFLAGS) -c $< -o $@

$(BUILD)/api/loadable.o: ext/api/loadable.c $(BUILD)/cflags.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(XCFLAGS) -c $< -o $@

# The shipped presets (sql/import/presets/*.map) are compiled into the
# import module as text (tools/gen_presets.sh; mapping.c parses them).
PRESETS_H = $(BUILD)/gen/presets.h
$(PRESETS_H): tools/gen_presets.sh $(sort $(wildcard sql/import/presets/*.map))
	@mkdir -p $(@D)
	sh tools/gen_presets.sh $(sort $(wildcard sql/import/presets/*.map)) >$@.tmp && mv $@.tmp $@

$(BUILD)/import/%.o: ext/import/%.c $(HEADERS) $(wildcard ext/import/*.h) $(BUILD)/cflags.stamp $(PRESETS_H)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(XCFLAGS) -I$(BUILD)/gen -c $< -o $@

$(IMPORT_EXT): $(IMPORT_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SOFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(BUILD)/api/static.c: tools/gen_api_table.sh $(SQLITE_SRC) $(SQLITE_INCLUDE)/sqlite3ext.h
	@mkdir -p $(@D)
	sh tools/gen_api_table.sh $(SQLITE_INCLUDE)/sqlite3ext.h $(SQLITE_SRC) >$@.tmp && mv $@.tmp $@

$(BUILD)/api/static.o: $(BUILD)/api/static.c $(BUILD)/cflags.stamp
	$(CC) $(CFLAGS) $(XCFLAGS) -c $< -o $@

$(EXT): $(CORE_OBJ) $(EXT_OBJ) $(BUILD)/api/loadable.o
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SOFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

# The static library: the same objects, and SQLite's own functions as the
# default API table (a program links it with -lsqlite3).
$(STATIC): $(CORE_OBJ) $(EXT_OBJ) $(BUILD)/api/static.o
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

# C unit tests of ext/core: no SQLite at all.  Each test file is compiled
# once and linked twice: with the core as built, and with money.c's
# portable 128-bit arithmetic forced (as MSVC and 32-bit targets build it).
CTEST_OBJ := $(patsubst tests/core/%.c,$(BUILD)/tests/core/%.o,$(wildcard tests/core/*.c))
$(BUILD)/tests/core/%.o: tests/core/%.c $(wildcard tests/core/*.h) $(HEADERS) $(BUILD)/cflags.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Iinclude -Iext/core -Itests/core -c $< -o $@

$(CTESTS): $(CTEST_OBJ) $(CORE_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

CTESTS_NO128 = $(BUILD)/tests/core_tests_noint128
$(BUILD)/core-noint128/money.o: ext/core/money.c $(HEADERS) $(BUILD)/cflags.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(XCFLAGS) -DREVOPS_NO_INT128 -c $< -o $@

$(CTESTS_NO128): $(CTEST_OBJ) $(filter-out $(BUILD)/core/money.o,$(CORE_OBJ)) $(BUILD)/core-noint128/money.o
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

# C tests of the static library against libsqlite3.
$(CSTATIC): $(wildcard tests/static/*.c) $(wildcard tests/static/*.h) $(STATIC)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Iinclude -Itests/core -o $@ $(wildcard tests/static/*.c) $(STATIC) $(LDFLAGS) -lsqlite3 $(LDLIBS)

# Windows: revops.dll cross-compiled with mingw-w64, for the SQLite ODBC
# driver's LoadExt and Windows shells.  The extension calls SQLite through
# the sqlite3_api table, so it needs only sqlite3ext.h (and the sqlite3.h
# it includes), copied from SQLITE_INCLUDE so that no Linux header is on
# the cross compiler's path.  Checked: the DLL exports exactly
# sqlite3_revops_init and imports nothing beyond KERNEL32 and msvcrt.
WIN_CC        ?= x86_64-w64-mingw32-gcc
WIN_OBJDUMP   ?= x86_64-w64-mingw32-objdump
WIN_BUILD      = $(BUILD)/win
WIN_DLL        = $(DIST)/revops.dll
WIN_OBJ       := $(patsubst ext/core/%.c,$(WIN_BUILD)/core/%.o,$(CORE_SRC)) \
                 $(patsubst ext/sqlite/%.c,$(WIN_BUILD)/ext/%.o,$(SQLITE_SRC)) \
                 $(WIN_BUILD)/api/loadable.o
WIN_CFLAGS     = -std=c11 -O2 -Wall -Wextra -Wpedantic -Wshadow $(filter -Werror,$(CFLAGS)) \
                 -I$(WIN_BUILD)/include -Iinclude -Iext/core

$(WIN_BUILD)/include/sqlite3ext.h: $(SQLITE_INCLUDE)/sqlite3ext.h $(SQLITE_INCLUDE)/sqlite3.h
	@mkdir -p $(@D)
	cp $(SQLITE_INCLUDE)/sqlite3ext.h $(SQLITE_INCLUDE)/sqlite3.h $(@D)/

$(WIN_BUILD)/core/%.o: ext/core/%.c $(HEADERS) $(BUILD)/cflags.stamp
	@mkdir -p $(@D)
	$(WIN_CC) $(WIN_CFLAGS) -c $< -o $@

$(WIN_BUILD)/ext/%.o: ext/sqlite/%.c $(HEADERS) $(BUILD)/cflags.stamp $(WIN_BUILD)/include/sqlite3ext.h
	@mkdir -p $(@D)
	$(WIN_CC) $(WIN_CFLAGS) -c $< -o $@

$(WIN_BUILD)/api/loadable.o: ext/api/loadable.c $(BUILD)/cflags.stamp $(WIN_BUILD)/include/sqlite3ext.h
	@mkdir -p $(@D)
	$(WIN_CC) $(WIN_CFLAGS) -c $< -o $@

$(WIN_DLL): $(WIN_OBJ)
	@mkdir -p $(@D)
	$(WIN_CC) -shared -static-libgcc -o $@ $^ -lm
	@WIN_OBJDUMP=$(WIN_OBJDUMP) sh tools/check_dll.sh $@ || { rm -f $@; exit 1; }

# The import module as a DLL too (ext/import: FindFirstFileW, CreateFileW
# under _WIN32), with its own single export.
WIN_IMPORT_DLL = $(DIST)/revops_import.dll
WIN_IMPORT_OBJ := $(patsubst ext/import/%.c,$(WIN_BUILD)/import/%.o,$(IMPORT_SRC)) \
                  $(WIN_BUILD)/core/csv.o $(WIN_BUILD)/core/buf.o $(WIN_BUILD)/core/date.o

$(WIN_BUILD)/import/%.o: ext/import/%.c $(HEADERS) $(wildcard ext/import/*.h) $(BUILD)/cflags.stamp $(WIN_BUILD)/include/sqlite3ext.h $(PRESETS_H)
	@mkdir -p $(@D)
	$(WIN_CC) $(WIN_CFLAGS) -I$(BUILD)/gen -c $< -o $@

$(WIN_IMPORT_DLL): $(WIN_IMPORT_OBJ)
	@mkdir -p $(@D)
	$(WIN_CC) -shared -static-libgcc -o $@ $^ -lm
	@WIN_OBJDUMP=$(WIN_OBJDUMP) sh tools/check_dll.sh $@ sqlite3_revopsimport_init || { rm -f $@; exit 1; }

windows: $(WIN_DLL) $(WIN_IMPORT_DLL)
# make test builds the DLL too (its export check is part of the build).
WIN_TEST ?= $(WIN_DLL)

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

# Warnings are errors under test: the build must stay clean.  The build is
# parallel (every object has its own rule; `make -j2 -n` lists each once).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
test: check-deps
	$(MAKE) --no-print-directory -j$(JOBS) CFLAGS="$(CFLAGS) -Werror" test-build
	$(MAKE) --no-print-directory CFLAGS="$(CFLAGS) -Werror" test-run

# revops for PostgreSQL 15 (ext/postgres, docs/postgres.md): a PGXS build
# in $(PG_BUILD) of the binding and ext/core.  make test builds it with
# -Werror (PG_WERROR) when pg_config is there; `make pg-install` installs
# the extension into the server's directories (as root).
PG_BUILD  = $(BUILD)/pg
PG_CONFIG ?= pg_config
PG_WERROR = $(filter -Werror,$(CFLAGS))
PG_TEST   = $(if $(shell command -v $(PG_CONFIG) 2>/dev/null),postgres)
# Under make asan the PostgreSQL build keeps the plain flags: the server
# is not instrumented and deadlocks at start with the sanitizer runtime
# preloaded (postgres -V never returns), so the binding is tested by the
# postgres layer uninstrumented; ext/core runs under the sanitizers in
# every other layer.
PG_PLAIN  = $(if $(REVOPS_ASAN),CFLAGS="-std=c11 -O2 -g -Wall -Wextra -Wpedantic -Wshadow -Werror" LDFLAGS=)
postgres:
	@mkdir -p $(PG_BUILD)
	$(MAKE) --no-print-directory -C $(PG_BUILD) -f $(CURDIR)/ext/postgres/Makefile PG_CONFIG=$(PG_CONFIG) REVOPS_PG_CFLAGS="$(PG_WERROR)" $(PG_PLAIN)

pg-install: postgres
	$(MAKE) --no-print-directory -C $(PG_BUILD) -f $(CURDIR)/ext/postgres/Makefile PG_CONFIG=$(PG_CONFIG) install

# The postgres layer alone (it needs the data layer's demo set).
pg-test: $(EXT) $(IMPORT_EXT) $(GEN) postgres
	@REVOPS_LAYERS="data postgres" REVOPS_PG_BUILD=$(PG_BUILD) bash tests/run.sh $(EXT) $(CTESTS) $(CSTATIC) $(GEN) $(CTESTS_NO128)

test-build: $(PG_TEST) $(EXT) $(IMPORT_EXT) $(CTESTS) $(CSTATIC) $(GEN) $(CTESTS_NO128) $(FUZZ_REPLAY) $(SQLFUZZ) $(WIN_TEST) $(if $(WIN_TEST),$(WIN_IMPORT_DLL))

test-run: test-build
	@REVOPS_ASAN=$(REVOPS_ASAN) REVOPS_PG_BUILD=$(PG_BUILD) REVOPS_DLL=$(WIN_TEST) REVOPS_FUZZ_BIN=$(BUILD)/fuzz bash tests/run.sh $(EXT) $(CTESTS) $(CSTATIC) $(GEN) $(CTESTS_NO128)

# Sanitizers: a separate build tree, the same suites.  The sqlite3 shell
# is not instrumented, so the ASan runtime is preloaded into it.
ASAN_FLAGS = -std=c11 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Wpedantic -Wshadow -Werror
asan: check-deps
	$(MAKE) --no-print-directory -j$(JOBS) BUILD=build/asan DIST=build/asan/dist CFLAGS="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" REVOPS_ASAN=1 WIN_TEST= test-build
	$(MAKE) --no-print-directory BUILD=build/asan DIST=build/asan/dist CFLAGS="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" REVOPS_ASAN=1 WIN_TEST= test-run

# The demo: a deterministic generator (sql/demo/gen.c, its own PRNG) writes
# one CSV per table, the ordinary import loads them into demo.db, and the
# dashboard prints.
$(GEN): sql/demo/gen.c $(BUILD)/cflags.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< $(LDFLAGS)

demo: $(EXT) $(IMPORT_EXT) $(GEN)
	@rm -rf $(DEMO_CSV)
	$(PYTHON) tools/revops demo demo.db --scale $(SCALE) --seed $(SEED) --csv $(DEMO_CSV) --persona $(PERSONA) --ext ./$(basename $(EXT))

# One persona's dashboard, readable in the terminal (tools/print_dashboard.py;
# ARGS passes filters: --segment, --region, --channel, --start-date,
# --end-date, --as-of).  The views must be installed in DB (make demo does).
PERSONA ?= sales
DB      ?= demo.db
PYTHON  ?= /usr/bin/python3
dashboard: $(EXT)
	@$(PYTHON) tools/revops dashboard $(DB) $(PERSONA) --ext ./$(basename $(EXT)) $(ARGS)

# The SQL, error and docs suites on Windows (wine64, SQLite's shell built
# from the npm package's amalgamation); slow, so not part of make test.
wine-test: $(WIN_DLL)
	bash tests/wine.sh $(WIN_DLL)

# Generated files that are committed: regenerate them after changing what
# they are generated from.  The import has none any more: it reads the
# schema from the database at run time (docs/data.md "Validation").
regen:
	/usr/bin/python3 tools/dashboards.py --write-metrics-doc

# The mutation experiments of docs/testing.md "Mutations": each mutation of
# tests/mutations/cases.txt applied to a copy of the tree (which builds
# itself with make test's flags), the layers it names run, and it must be
# caught.  MUTATE_ONLY=TEXT runs those whose name contains TEXT.
mutate: check-deps
	@MUTATE_ONLY='$(MUTATE_ONLY)' bash tests/mutate.sh

# The open alerts of a database (sql/views/88_alerts.sql, docs/insights.md):
#   make alerts DB=demo.db [ARGS=--json]   exits 1 when a critical one is open
alerts: $(EXT)
	@$(PYTHON) tools/revops alerts $(DB) --ext ./$(basename $(EXT)) $(ARGS)

# What people look at (docs/report.md, docs/datasette.md, docs/odbc.md), each
# a subcommand of the revops command.
#   make report DB=demo.db [START=2025-01-01 END=2025-12-31 SEGMENT=SMB REGION=EMEA
#                           CHANNEL=Webinar AS_OF=2026-03-01 THEME=auto|light|dark OUT=build/report
#                           ARGS='--param account_id=A000424 --persona account_management']
#   make datasette-metadata [DB=demo.db]   canned queries from sql/dashboards/
#   make serve DB=demo.db [PORT=8001]      Datasette, locked down (tools/serve.py)
#   make bi-refresh DB=demo.db             typed report_* tables for BI tools over ODBC
OUT    ?= build/report
THEME  ?= auto
report: $(EXT)
	$(PYTHON) tools/revops report '$(DB)' '$(OUT)' --ext ./$(basename $(EXT)) --theme '$(THEME)' \
	  --start-date '$(START)' --end-date '$(END)' --segment '$(SEGMENT)' --region '$(REGION)' \
	  --channel '$(CHANNEL)' --as-of '$(AS_OF)' $(ARGS)

datasette-metadata:
	$(PYTHON) tools/datasette_metadata.py --database '$(basename $(notdir $(DB)))' -o datasette/metadata.json

bi-refresh: $(EXT)
	$(PYTHON) tools/revops bi-refresh '$(DB)' --ext ./$(basename $(EXT))

# Datasette on DB, the query extension loaded by datasette/plugins/revops.py
# with extension loading off for visitors (tools/serve.py, docs/datasette.md).
#   make serve DB=demo.db [PORT=8001] [ARGS=--public]
PORT ?= 8001
serve: $(EXT)
	$(PYTHON) tools/revops serve '$(DB)' --ext ./$(basename $(EXT)) --port '$(PORT)' $(ARGS)

bench: $(EXT) $(IMPORT_EXT)
	@bash bench/run.sh $(EXT)

# The extension, the library and its header, and the revops command
# (PREFIX/bin/revops, running from PREFIX/share/revops: tools/install.sh).
install: $(EXT) $(STATIC) $(IMPORT_EXT) $(GEN)
	sh tools/install.sh '$(DESTDIR)$(PREFIX)' $(EXT) $(IMPORT_EXT) $(STATIC) $(GEN)

clean:
	rm -rf build dist
