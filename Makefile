# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test system-deps clean

$(BIN)/policykg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

## install, then build the graph, views and comparison of corpus/ into outputs/
run: $(BIN)/policykg
	$(BIN)/policykg build corpus -o outputs

## install (Python and Debian packages), then run every test
test: $(BIN)/policykg system-deps
	$(BIN)/python -m pytest -n 2 -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; rc=0; fi; exit $$rc

system-deps:
	.ci/install-system-deps

clean:
	rm -rf $(VENV) build *.egg-info
