# Two commands on a fresh machine: `make extract` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RAW    ?= raw_pdfs
OUT    ?= extracted
ARGS   ?=
SEEDS  ?= 0-99
CORPUS ?= corpus/dev
TESTSET_SEEDS := 1000-1023
CORPUS_STAMP := $(VENV)/.corpus-installed

.PHONY: extract test lint bench samples train clean fuzz corpus testset score real

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

extract: $(STAMP)
	$(BIN)/pipeline extract $(RAW) --out $(OUT) $(if $(REVIEWS),--reviews $(REVIEWS)) $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest -q $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests samples bench corpus
	$(BIN)/mypy pipeline
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/bench.py --raw $(RAW) $(ARGS)

# Damaged copies of the samples through the whole extraction: `make fuzz N=500`.
fuzz: $(STAMP)
	$(BIN)/python bench/fuzz.py --n $(or $(N),500) $(ARGS)

# The generated corpus: reports with truth printed by Chromium, LibreOffice, WeasyPrint and
# reportlab (ci/corpus.sh installs the programs). `make corpus` writes the development set
# (seeds 0-99, gitignored) the reader is tuned on; `make testset` renders the committed test
# set (seeds 1000 and up) that it is only measured on; `make score CORPUS=tests/corpus`.
$(CORPUS_STAMP): pyproject.toml $(STAMP)
	bash ci/corpus.sh
	$(BIN)/python -m pip install --quiet -e '.[dev,corpus]'
	@touch $(CORPUS_STAMP)

corpus: $(CORPUS_STAMP)
	$(BIN)/python -m corpus.generate --seeds $(SEEDS) --out $(CORPUS)

testset: $(CORPUS_STAMP)
	rm -rf tests/corpus
	$(BIN)/python -m corpus.generate --seeds $(TESTSET_SEEDS) --out tests/corpus

score: $(STAMP)
	$(BIN)/python -m corpus.score $(CORPUS) $(ARGS)

# The real reports in ../shared/corpus/real: held-out golden tables, unlabelled cells.
real: $(STAMP)
	$(BIN)/pipeline extract ../shared/corpus/real --out real-extracted --quiet; \
	$(BIN)/python -m corpus.real real-extracted/dataset $(ARGS)

samples: $(STAMP)
	$(BIN)/python -m samples.generate --out raw_pdfs

# The labelled sentences and the goal-assessment classifier trained on them (committed).
train: $(STAMP)
	$(BIN)/python data/compose_sentences.py
	$(BIN)/python -m pipeline.text.train_assessment

clean:
	rm -rf $(OUT)
