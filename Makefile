# Two commands for a new machine (see README):  make lab  |  make test
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# JupyterLab refuses to run as root unless told (containers, CI); a normal user never needs it
ROOT_OK := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test install notebooks student slides bench clean

$(STAMP): requirements.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else \
	  f"Python >= 3.11 is needed, found {v.major}.{v.minor}: run  make $(MAKECMDGOALS) PYTHON=python3.11  (or newer)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -qq --upgrade pip
	$(PY) -m pip install -qq -r requirements.txt
	@# no "get Jupyter news?" pop-up for students on first start
	mkdir -p $(VENV)/share/jupyter/lab/settings
	echo '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false"}}' \
	  > $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

install: $(STAMP)

## open JupyterLab at the first notebook (127.0.0.1, with a token)
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 $(ROOT_OK) --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/notebooks/01_perceptron.ipynb

## every test: unit tests, strict nbval on all notebooks, the browser test
test: $(STAMP)
	$(PY) -m pytest -n 2 --dist loadscope tests notebooks --nbval

## re-execute every notebook in a fresh kernel, in place (after an nnlib change)
notebooks: $(STAMP)
	$(PY) tools/build_notebooks.py

## student copies (solutions stripped, outputs cleared) into student/
student: $(STAMP)
	$(PY) tools/student_copies.py --out student

## static reveal.js slides of every notebook into slides/
slides: $(STAMP)
	$(PY) tools/build_slides.py --out slides

## print the speed figures (slider moves, notebooks, browser, training)
bench: $(STAMP)
	$(PY) tools/bench.py

clean:
	rm -rf $(VENV) student slides test-artifacts
