# Two commands for a new machine (see README):  make lab  |  make test
#   make lab    installs only what the course needs (requirements.txt) into .venv
#   make test   adds the test and build tools (requirements-dev.txt) to the same .venv
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
LAB_STAMP := $(VENV)/.installed-course
DEV_STAMP := $(VENV)/.installed-dev
OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json
# JupyterLab refuses to run as root unless told (containers, CI); a normal user never needs it
ROOT_OK := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test install notebooks teacher slides bench clean venv-python

# `make lab PYTHON=python3.12` with a .venv of another Python: rebuild .venv with the one asked for
# (checked only when PYTHON is given; a plain `make lab` keeps whatever .venv was built with).
ifneq ($(filter command line environment,$(origin PYTHON)),)
ifneq ($(wildcard $(VENV)/pyvenv.cfg),)
VERSION_OF = $(shell $(1) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
VENV_PYTHON   := $(call VERSION_OF,$(PY))
WANTED_PYTHON := $(call VERSION_OF,$(PYTHON))
ifneq ($(VENV_PYTHON),$(WANTED_PYTHON))
REBUILD := venv-python
endif
endif
endif

venv-python:
	@if [ -z "$(WANTED_PYTHON)" ]; then \
	  echo "PYTHON=$(PYTHON) does not run here; .venv (Python $(VENV_PYTHON)) is left as it is."; exit 1; fi
	@echo "$(VENV) uses Python $(or $(VENV_PYTHON),?), PYTHON=$(PYTHON) is Python $(WANTED_PYTHON): rebuilding $(VENV)"
	rm -rf $(VENV)

$(LAB_STAMP): requirements.txt constraints.txt pyproject.toml $(REBUILD)
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else \
	  f"Python >= 3.11 is needed, found {v.major}.{v.minor}: run  make $(MAKECMDGOALS) PYTHON=python3.11  (or newer)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -qq --upgrade pip
	$(PY) -m pip install -qq --no-compile -r requirements.txt
	touch $@

# The course's JupyterLab defaults: no "get Jupyter news?" pop-up, Alt+R starts and leaves the
# slideshow, and the slideshow's look for a hall (see tools/slide_style.py).
$(OVERRIDES): tools/slide_style.py $(LAB_STAMP)
	mkdir -p $(dir $@)
	$(PY) tools/slide_style.py > $@.tmp && mv $@.tmp $@

$(DEV_STAMP): requirements-dev.txt $(LAB_STAMP)
	$(PY) -m pip install -qq --no-compile -r requirements-dev.txt
	touch $@

## install the course only (what `make lab` uses)
install: $(LAB_STAMP) $(OVERRIDES)

## open JupyterLab at the first notebook (127.0.0.1, with a token)
# transport_encryption=auto: the kernel's messages are encrypted (CurveZMQ; ipykernel's kernelspec
# offers it), so ipykernel has no "running over TCP without encryption" warning to print.
# ws_ping_interval=0: no websocket keep-alive pings, which a server on 127.0.0.1 does not need.
# jupyter_server 2.21 gives tornado its ping settings in milliseconds where tornado reads seconds
# (jupyter_server issue 1612); left at their defaults they print "The websocket_ping_timeout
# (90000) cannot be longer than the websocket_ping_interval (30000)" on the first connection.
lab: $(LAB_STAMP) $(OVERRIDES)
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 $(ROOT_OK) --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/notebooks/01_perceptron.ipynb \
		--KernelManager.transport_encryption=auto \
		--ServerApp.tornado_settings='{"ws_ping_interval": 0}'

## every test: unit tests, strict nbval on all notebooks, the browser test, the Binder stand-in
test: $(DEV_STAMP) $(OVERRIDES)
	$(PY) -m pytest -n 2 --dist loadscope tests notebooks --nbval

## build the learner edition from course/*.md into notebooks/, executed (after any change)
notebooks: $(DEV_STAMP)
	$(PY) tools/build_notebooks.py

## build the teacher edition (solutions, every check passing, teacher notes) into teacher/
teacher: $(DEV_STAMP)
	$(PY) tools/build_notebooks.py --edition teacher

## static reveal.js slides of every notebook into slides/
slides: $(DEV_STAMP)
	$(PY) tools/build_slides.py --out slides

## print the speed figures, each beside a reference measured in the same run
bench: $(DEV_STAMP)
	$(PY) tools/bench.py

## remove everything the Makefile and the tests made in this folder (not the shared
## ~/.cache/nn-course, which other clones reuse: see README, "Disk use")
clean:
	rm -rf $(VENV) teacher slides test-artifacts nnlib.egg-info build .hypothesis .pytest_cache
	find . -name __pycache__ -type d -not -path './.git/*' -prune -exec rm -rf {} +
