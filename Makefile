# veiligheid-cli: `make demo` runs the tool on the bundled corpus, `make test` runs the tests.
# Both set up the virtual environment (.venv) on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install system-deps test fuzz lint schemas demo bench bench-real features train clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

# chromium (browser tests) and DejaVu fonts (PDF fixtures), from Debian when missing
system-deps:
	@bash .ci/system-deps

test: system-deps $(STAMP)
	$(BIN)/python -m pytest -q

# The bad-input suite with the `fuzz` profile: 500 examples per property, over 2,000 in all.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz VEILIGHEID_FUZZ_CLI=100 $(BIN)/python -m pytest -q tests/test_bad_input.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench training
	$(BIN)/ruff format --check src tests bench training
	$(BIN)/lint-imports --no-cache

# The JSON Schemas of the rules files (rules/schema/), generated from src/veiligheid_cli/rules_models.py;
# a test fails when they are not current.
schemas: $(STAMP)
	$(BIN)/python -c "from veiligheid_cli.rules_models import write_schemas; write_schemas('rules/schema')"

LEUSDEN   := corpus/leusden-ivp-2016-2019.txt
HILVERSUM := corpus/hilversum-voorstel-rvs-midden-nederland-2019-2022.txt
TWENTE    := corpus/twente-voorstel-veiligheidsstrategie-oost-nederland-2019-2022.txt
DEMO_OUT  := demo-output
FIXTURE_PLANS := $(wildcard tests/fixtures/plans/ivp-*)

demo: $(STAMP)
	@mkdir -p $(DEMO_OUT)
	@echo "== 1. What does the regional strategy prioritise? (Hilversum proposal, RVS Midden-Nederland 2019-2022)"
	$(BIN)/veiligheid extract $(HILVERSUM)
	@echo "== 2. Priorities and goals of the Leusden IVP 2016-2019 (markdown report)"
	$(BIN)/veiligheid extract $(LEUSDEN) -f markdown -o $(DEMO_OUT)/leusden-extract.md
	@echo "   written to $(DEMO_OUT)/leusden-extract.md"
	@echo "== 3. How well does Leusden line up with the regional priorities?"
	$(BIN)/veiligheid align $(LEUSDEN) $(HILVERSUM)
	$(BIN)/veiligheid align $(LEUSDEN) $(HILVERSUM) -f markdown -o $(DEMO_OUT)/leusden-align.md
	@echo "   memo-ready report written to $(DEMO_OUT)/leusden-align.md"
	@echo "== 4. The same plan against another region's themes (Oost-Nederland)"
	$(BIN)/veiligheid align $(LEUSDEN) $(TWENTE)
	@echo "== 5. The plan as a CI check would see it (exit code shown, findings in $(DEMO_OUT)/check.txt)"
	-$(BIN)/veiligheid check $(LEUSDEN) --regional $(HILVERSUM) -o $(DEMO_OUT)/check.txt; echo "   exit code $$?"
	@tail -1 $(DEMO_OUT)/check.txt
	@echo "== 6. Many plans at once: the corpus plan and the fixture plans against the regional strategy"
	$(BIN)/veiligheid batch $(LEUSDEN) $(FIXTURE_PLANS) -r $(HILVERSUM) -o $(DEMO_OUT)/batch
	@echo "   heatmap: open $(DEMO_OUT)/batch/index.html in a browser; for a memo: heatmap.png, heatmap.svg"

# Byte-compiled first, as a wheel install is: an editable install under PYTHONDONTWRITEBYTECODE
# would compile every module of the package at every start (about 0.1 s of a cold run).
bench: $(STAMP)
	$(BIN)/python -m compileall -q src
	$(BIN)/python bench/run.py

# The real development set, fetched by hand into a folder of your own (never committed):
# make bench-real DIR=/tmp/real-dev  (GOALS=1 scores the goals set in that folder)
bench-real: $(STAMP)
	@test -n "$(DIR)" || { echo "usage: make bench-real DIR=folder-with-the-dev-texts"; exit 2; }
	$(BIN)/python bench/real_dev.py $(DIR) $(if $(GOALS),--goals)

# The priority model (rules/priority_model.yaml) from the committed feature table: scikit-learn
# (the `train` extra) fits a logistic regression and prints document-grouped 5-fold
# cross-validation (the estimate) beside the figure on the texts it was fitted on.
TRAIN_STAMP := $(VENV)/.train-installed
$(TRAIN_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e ".[dev,train]"
	touch $(TRAIN_STAMP)

train: $(TRAIN_STAMP)
	$(BIN)/python training/train.py --task priorities
	$(BIN)/python training/train.py --task goals

# The feature table from the dev texts fetched into DIR (plus the corpus and our fixture plans):
# make features DIR=/tmp/real-dev
features: $(STAMP)
	@test -n "$(DIR)" || { echo "usage: make features DIR=folder-with-the-dev-texts"; exit 2; }
	$(BIN)/python training/features.py $(DIR)
	$(BIN)/python training/goal_features.py $(DIR)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build src/*.egg-info $(DEMO_OUT)
