# Densho — the two set-up commands are `make run` and `make test` (see README.md).
SWIFT ?= swift
DATA ?= Media
COMPANY ?= hanawa
DENSHO := .build/debug/densho

.PHONY: deps build run test bench fuzz clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build --product densho

## Builds, creates demo data on first start (with training clips, processed by the worker), and
## shows the main job: the skill map and the skills at risk of being lost.
run: build
	@$(DENSHO) --data-dir $(DATA) demo --if-empty --clips
	@$(DENSHO) --data-dir $(DATA) worker --until-empty
	@$(DENSHO) --data-dir $(DATA) --company $(COMPANY) skillmap --dept 機械加工
	@echo
	@$(DENSHO) --data-dir $(DATA) --company $(COMPANY) risk

## Builds everything and runs every test (unit, store, CLI as a built binary).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## Benchmarks against reference tools on the same machine (release build; takes a few minutes).
## `make bench PART=store` or `PART=media` runs one part.
bench: deps
	$(SWIFT) build -c release --product densho-bench --product densho
	.build/release/densho-bench $(PART)

## Mutated clips (truncated, bit flips, damaged headers …) through the real worker; FUZZ_COUNT=500 by default.
fuzz: deps
	$(SWIFT) build -c release --product densho-fuzz --product densho
	.build/release/densho-fuzz

clean:
	rm -rf .build .build-* .build_* Benchmarks/out
