# Densho — the two set-up commands are `make run` and `make test` (see README.md).
SWIFT ?= swift
DATA ?= Media
DENSHO := .build/debug/densho

.PHONY: deps build run test bench fuzz clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build --product densho
	$(SWIFT) build --product densho-media

## Builds, creates demo data on first start (three companies, training clips and their manuals)
## and serves the web app on http://localhost:8080 (log in as hanawa-sup / densho-demo). The
## supervised worker processes the demo clips in the background. HOST=0.0.0.0 opens it to phones
## on the office network.
HOST ?= 127.0.0.1
PORT ?= 8080
run: build
	@$(DENSHO) --data-dir $(DATA) demo --if-empty --clips
	@$(DENSHO) --data-dir $(DATA) serve --host $(HOST) --port $(PORT) --workers 1

## Builds everything and runs every test (unit, store, CLI as a built binary).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## Benchmarks against reference tools on the same machine (release build; takes a few minutes).
## `make bench PART=store`, `PART=web`, `PART=media`, `PART=print`, `PART=training`, `PART=mentor`, `PART=onboarding`, `PART=search` or `PART=backup` (DENSHO_BENCH_BACKUP_GB, default 10) runs one part.
bench: deps
	$(SWIFT) build -c release --product densho
	$(SWIFT) build -c release --product densho-media
	$(SWIFT) build -c release --product densho-bench
	.build/release/densho-bench $(PART)

## Mutated clips (truncated, bit flips, damaged headers …) through the real worker; FUZZ_COUNT=500 by default.
fuzz: deps
	$(SWIFT) build -c release --product densho
	$(SWIFT) build -c release --product densho-fuzz
	.build/release/densho-fuzz

clean:
	rm -rf .build .build-* .build_* Benchmarks/out
