# MLP — the two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.PHONY: run stop test fuzz build setup bench bench-http clean

run:            ## install what is missing, build, start the services, print the URL (SCALE=2: two app instances)
	@bash scripts/run.sh

stop:           ## stop what `make run` started
	@bash scripts/stop.sh

test:           ## install what is missing, then run every test against real nginx
	@bash scripts/test.sh

fuzz:           ## parser fuzz tests with many cases (MLP_FUZZ_CASES) and a long schemathesis run against a private stack
	@bash scripts/fuzz.sh

build:          ## release build
	swift build -c release

setup:          ## install missing Debian packages
	@bash scripts/setup.sh

bench:          ## release build, every benchmark with its same-run reference, writes docs/benchmarks.md (~15 min)
	@bash bench/run.sh

bench-http:     ## wrk through nginx: mlp /healthz vs a C libfcgi hello responder
	@bash bench/http-hello.sh

clean:          ## remove build output and the run folder (stop first)
	rm -rf .build run
