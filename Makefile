# One entry point for set-up, build and tests. `make booklet` on a fresh machine
# creates .venv, installs pressroom with pinned versions and builds build/booklet.pdf.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

.PHONY: booklet test setup test-tools clean

booklet: setup
	$(BIN)/pressroom build

test: setup test-tools
	$(BIN)/python -m pytest -q

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

# Tests read PDFs back with poppler (pdftotext, pdffonts) and check syntax with qpdf.
test-tools:
	@command -v pdftotext >/dev/null && command -v qpdf >/dev/null || sh scripts/install-test-tools.sh

clean:
	rm -rf build
