# Build everything: `make`. Run every test: `make test`; the same under AddressSanitizer and
# UndefinedBehaviorSanitizer: `make test SANITIZE=1` (builds into build-san/); both: `make check`.
# Fuzz the parsers with libFuzzer: `make fuzz` (clang, builds into build-fuzz/; tests/fuzz/run).
# Each first installs the Debian packages it needs when they are missing (as root).

SANITIZE ?= 0
FUZZ ?= 0
.DEFAULT_GOAL := all
ifeq ($(FUZZ),1)
BUILD ?= build-fuzz
CC := clang
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else ifeq ($(SANITIZE),1)
BUILD ?= build-san
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
BUILD ?= build
SANFLAGS :=
endif

CC ?= gcc
CPPFLAGS := -D_GNU_SOURCE -Ifd-extensions/diamkit -Ish-client/shdata -Ish-client/lib \
	-Ifd-extensions/dict_slg -Ifd-extensions/dict_slh -Ihss-stub/store -Ilcs/lib -Ilcs/mme-stub -Icharging/cdrstore -Icharging/ocsstore -Icharging/lib -Istorekit \
	-Itests/harness -Itests/fuzz -I/usr/include/libxml2 \
	-DSHDATA_SCHEMA_DIR='"$(CURDIR)/sh-client/schema"' -DLCS_DTD_DIR='"$(CURDIR)/lcs/dtd"' \
	-DFUZZ_CORPUS_DIR='"$(CURDIR)/tests/fuzz/corpus"'
CFLAGS := -std=gnu11 -O2 -g -fPIC -Wall -Wextra -Werror $(SANFLAGS)
LDFLAGS := $(SANFLAGS)
FD_LIBS := -lfdcore -lfdproto -lpthread
SYS_LIBS := -lxml2 -llmdb -ljansson -lcurl -lmicrohttpd -lm $(FD_LIBS)
# Each extension keeps its own copy of the static helpers private, so that two extensions built
# from different versions never bind to each other's symbols inside freeDiameterd.
FDX_LDFLAGS := -shared -Wl,--exclude-libs,ALL -Wl,-z,defs

DEB_PACKAGES := freediameterd libfreediameter-dev freediameter-extensions libxml2-dev liblmdb-dev \
	libcmocka-dev libjansson-dev libmicrohttpd-dev libcurl4-openssl-dev tshark curl \
	$(if $(filter 1,$(FUZZ)),clang)

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
objs_in = $(call obj,$(wildcard $(1)/*.c))

# Static libraries, one folder each.
DIAMKIT_LIB := $(BUILD)/lib/libdiamkit.a
SHDATA_LIB := $(BUILD)/lib/libshdata.a
SHCLIENT_LIB := $(BUILD)/lib/libshclient.a
STORE_LIB := $(BUILD)/lib/libhssstore.a
LCS_LIB := $(BUILD)/lib/liblcs.a
CDRSTORE_LIB := $(if $(wildcard charging/cdrstore/*.c),$(BUILD)/lib/libcdrstore.a)
OCSSTORE_LIB := $(if $(wildcard charging/ocsstore/*.c),$(BUILD)/lib/libocsstore.a)
CHARGING_LIB := $(if $(wildcard charging/lib/*.c),$(BUILD)/lib/libcharging.a)
STOREKIT_LIB := $(BUILD)/lib/libstorekit.a
$(DIAMKIT_LIB): $(call objs_in,fd-extensions/diamkit)
$(SHDATA_LIB): $(call objs_in,sh-client/shdata)
$(SHCLIENT_LIB): $(call objs_in,sh-client/lib)
$(STORE_LIB): $(call objs_in,hss-stub/store)
$(LCS_LIB): $(call objs_in,lcs/lib)
$(BUILD)/lib/libcdrstore.a: $(call objs_in,charging/cdrstore)
$(BUILD)/lib/libocsstore.a: $(call objs_in,charging/ocsstore)
$(BUILD)/lib/libcharging.a: $(call objs_in,charging/lib)
$(STOREKIT_LIB): $(call objs_in,storekit)
LIBS := $(SHCLIENT_LIB) $(SHDATA_LIB) $(STORE_LIB) $(LCS_LIB) $(CHARGING_LIB) $(CDRSTORE_LIB) \
	$(OCSSTORE_LIB) $(STOREKIT_LIB) $(DIAMKIT_LIB)

# Extensions: every folder of fd-extensions/ but the helper library, and hss-stub/fdx.
EXTENSIONS := $(filter-out diamkit,$(notdir $(wildcard fd-extensions/*)))
FDX := $(EXTENSIONS:%=$(BUILD)/fdx/%.fdx) $(if $(wildcard hss-stub/fdx/*.c),$(BUILD)/fdx/hss_stub.fdx) \
	$(if $(wildcard lcs/mme-stub/*.c),$(BUILD)/fdx/mme_stub.fdx)

# Programs: one folder each.
PROGRAMS := $(if $(wildcard hss-stub/ctl/*.c),$(BUILD)/bin/hss-ctl) \
	$(if $(wildcard sh-client/cli/*.c),$(BUILD)/bin/sh-client) \
	$(if $(wildcard lcs/cli/*.c),$(BUILD)/bin/lcs-client) \
	$(if $(wildcard lcs/gmlc/*.c),$(BUILD)/bin/gmlc) \
	$(if $(wildcard charging/cdf-ctl/*.c),$(BUILD)/bin/cdf-ctl) \
	$(if $(wildcard charging/ocs-ctl/*.c),$(BUILD)/bin/ocs-ctl) \
	$(if $(wildcard charging/cli/*.c),$(BUILD)/bin/charging-client)

TEST_FDX := $(patsubst tests/fdx/%.c,$(BUILD)/tests/fdx/%.fdx,$(wildcard tests/fdx/*.c))
HARNESS_OBJ := $(call objs_in,tests/harness)
UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
INTEGRATION_TESTS := $(patsubst tests/integration/%.c,$(BUILD)/tests/%,$(wildcard tests/integration/test_*.c))
FD_HOST := $(BUILD)/tests/fd-host

# Fuzz targets (tests/fuzz/*.c): replayed over their corpora by test_fuzz_corpus in every build,
# and driven by libFuzzer in the FUZZ=1 build, one program each.
FUZZ_OBJ := $(call objs_in,tests/fuzz)
FUZZ_TARGETS := mlp_request mlp_answer gad dms shdata prose_profile subscriber store_import tbcd
FUZZERS := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
FUZZ_LIBS := $(LCS_LIB) $(SHDATA_LIB) $(STORE_LIB) $(STOREKIT_LIB) $(DIAMKIT_LIB)

.PHONY: all deps test check lab bench fuzz fuzzers clean
.SECONDEXPANSION:
.SECONDARY:

all: deps $(LIBS) $(FDX) $(PROGRAMS)

# Installs what is missing; quiet and quick when everything is there.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		if [ "$$(id -u)" != 0 ]; then echo "run as root (or: sudo apt-get install$$missing)" >&2; exit 1; fi; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -q >/dev/null && apt-get install -y -q $$missing >/dev/null || exit 1; \
	fi

$(BUILD)/obj/%.o: %.c | deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/lib/%.a:
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/fdx/%.fdx: $$(call objs_in,fd-extensions/%) $(DIAMKIT_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $(FDX_LDFLAGS) -o $@ $^ $(FD_LIBS)

$(BUILD)/fdx/hss_stub.fdx: $(call objs_in,hss-stub/fdx) $(STORE_LIB) $(STOREKIT_LIB) $(SHDATA_LIB) $(DIAMKIT_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $(FDX_LDFLAGS) -o $@ $^ $(SYS_LIBS)

$(BUILD)/fdx/mme_stub.fdx: $(call objs_in,lcs/mme-stub) $(LCS_LIB) $(DIAMKIT_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $(FDX_LDFLAGS) -o $@ $^ $(SYS_LIBS)

# The charging servers keep their state in LMDB through their store libraries.
$(BUILD)/fdx/app_cdf.fdx: $(call objs_in,fd-extensions/app_cdf) $(CDRSTORE_LIB) $(STOREKIT_LIB) $(DIAMKIT_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $(FDX_LDFLAGS) -o $@ $^ $(SYS_LIBS)

$(BUILD)/fdx/app_ocs.fdx: $(call objs_in,fd-extensions/app_ocs) $(OCSSTORE_LIB) $(STOREKIT_LIB) $(DIAMKIT_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $(FDX_LDFLAGS) -o $@ $^ $(SYS_LIBS)

$(BUILD)/bin/cdf-ctl: $(call objs_in,charging/cdf-ctl) $(CDRSTORE_LIB) $(STOREKIT_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(SYS_LIBS)

$(BUILD)/bin/ocs-ctl: $(call objs_in,charging/ocs-ctl) $(OCSSTORE_LIB) $(STOREKIT_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(SYS_LIBS)

$(BUILD)/bin/charging-client: $(call objs_in,charging/cli) $(CHARGING_LIB) $(LCS_LIB) $(DIAMKIT_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(SYS_LIBS)

$(BUILD)/bin/hss-ctl: $(call objs_in,hss-stub/ctl) $(STORE_LIB) $(STOREKIT_LIB) $(SHDATA_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(SYS_LIBS)

$(BUILD)/bin/sh-client: $(call objs_in,sh-client/cli) $(SHCLIENT_LIB) $(SHDATA_LIB) $(DIAMKIT_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(SYS_LIBS)

$(BUILD)/bin/gmlc: $(call objs_in,lcs/gmlc) $(LCS_LIB) $(DIAMKIT_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -lmicrohttpd $(SYS_LIBS)

$(BUILD)/bin/lcs-client: $(call objs_in,lcs/cli) $(LCS_LIB) $(DIAMKIT_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(SYS_LIBS)

$(BUILD)/tests/fdx/%.fdx: $(BUILD)/obj/tests/fdx/%.o $(DIAMKIT_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $(FDX_LDFLAGS) -o $@ $^ $(FD_LIBS)

# objects first, then the libraries they use (a test may have objects of its own, listed below)
$(UNIT_TESTS): $(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(BUILD)/obj/tests/harness/seeded.o $(LIBS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(filter %.a,$^) -lcmocka $(SYS_LIBS)

$(INTEGRATION_TESTS): $(BUILD)/tests/%: $(BUILD)/obj/tests/integration/%.o $(HARNESS_OBJ) $(LIBS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -lcmocka $(SYS_LIBS)

$(BUILD)/tests/test_fuzz_corpus: $(FUZZ_OBJ)

$(BUILD)/obj/tests/fuzz/libfuzzer/entry_%.o: tests/fuzz/libfuzzer/entry.c | deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -DFUZZ_TARGET=fuzz_$* -c -o $@ $<

$(FUZZERS): $(BUILD)/fuzz/fuzz_%: $(BUILD)/obj/tests/fuzz/libfuzzer/entry_%.o $(FUZZ_OBJ) $(FUZZ_LIBS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(SYS_LIBS)

$(FD_HOST): $(BUILD)/obj/tests/host/fd_host.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(FD_LIBS)

test: all $(TEST_FDX) $(UNIT_TESTS) $(INTEGRATION_TESTS) $(FD_HOST)
	@BUILD=$(BUILD) SANITIZE=$(SANITIZE) tests/run-tests.sh $(UNIT_TESTS) $(INTEGRATION_TESTS)

# The README's run command: the lab (lab/run).
lab: all
	lab/run

# Benchmarks beside the freeDiameter baseline (docs/BENCHMARKS.md).
bench: all
	lab/bench
	lab/bench-location
	lab/bench-charging

# libFuzzer on each target for FUZZ_SECONDS (default 60), from the committed corpus; new inputs
# go to build-fuzz/corpus/, crashes to build-fuzz/artifacts/ (tests/fuzz/run says more).
fuzzers: deps $(FUZZERS)

fuzz:
	$(MAKE) FUZZ=1 fuzzers
	tests/fuzz/run $(FUZZ_SECONDS)

# The README's test command: the whole suite, plain and under the sanitizers.
check:
	$(MAKE) test SANITIZE=0
	$(MAKE) test SANITIZE=1

clean:
	rm -rf build build-san build-fuzz

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
