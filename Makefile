# Two commands on a fresh machine: `make extract` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RAW    ?= raw_pdfs
OUT    ?= extracted
ARGS   ?=

.PHONY: extract test lint bench samples train clean fuzz

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

extract: $(STAMP)
	$(BIN)/pipeline extract $(RAW) --out $(OUT) $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest -q $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests samples bench
	$(BIN)/mypy pipeline

bench: $(STAMP)
	$(BIN)/python bench/bench.py --raw $(RAW) $(ARGS)

# Damaged copies of the samples through the whole extraction: `make fuzz N=500`.
fuzz: $(STAMP)
	$(BIN)/python bench/fuzz.py --n $(or $(N),500) $(ARGS)

samples: $(STAMP)
	$(BIN)/python -m samples.generate --out raw_pdfs

# The labelled sentences and the goal-assessment classifier trained on them (committed).
train: $(STAMP)
	$(BIN)/python data/compose_sentences.py
	$(BIN)/python -m pipeline.train_assessment

clean:
	rm -rf $(OUT)
