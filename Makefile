# Two commands do everything on a fresh machine: `make run` opens the window, `make test` runs the suite.
# Both create or reuse .venv and install what is missing (see scripts/bootstrap.sh).
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.bootstrapped
TS     := $(wildcard resources/translations/*.ts)
QM     := $(TS:.ts=.qm)

.PHONY: run test bench translations update-translations screenshots clean

run: $(STAMP) translations
	$(PY) main.py

test: $(STAMP) translations
	$(PY) -m pytest -q

bench: $(STAMP) translations
	$(PY) bench/run_all.py

screenshots: $(STAMP) translations
	$(PY) main.py --screenshot screenshots   # starts its own Xvfb when there is no display

translations: $(QM)

# Rebuild the .ts sources from the strings in the code (keeps existing translations).
update-translations: $(STAMP)
	$(PY) scripts/update_translations.py

%.qm: %.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

$(STAMP): pyproject.toml scripts/bootstrap.sh
	bash scripts/bootstrap.sh
	touch $@

clean:
	rm -rf $(VENV) $(QM) .pytest_cache
