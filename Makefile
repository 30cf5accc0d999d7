# Two commands from a fresh clone: `make demo` and `make test`. Everything else is for instructors and maintainers.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
ASSIGNMENT := backprop

.PHONY: demo test test-loaded release solutions notebooks bench gradescope clean-results help

help:
	@echo "make demo       create .venv if missing, install, run the course's main job"
	@echo "make test       create .venv if missing, install, run the test suite"
	@echo "make test-loaded  the test suite beside two processes that keep both cores busy"
	@echo "make notebooks  regenerate source/ from authoring/, then release/ and solutions/"
	@echo "make release    nbgrader generate_assignment $(ASSIGNMENT) --force (writes release/)"
	@echo "make solutions  write the executed answer key to solutions/"
	@echo "make bench      run the benchmarks (minutes; not part of the tests)"
	@echo "make mutate     grade every generated mutant of the answer key through the CLI (mutation_report/)"
	@echo "make gradescope build autograder.zip, the Gradescope autograder (docs/grading.md)"
	@echo "make clean-results  remove grading state and outputs (submitted/, gradebook.db, grades.csv, ...)"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@# jsonschema imports rfc3987-syntax when it is installed (an optional extra that jupyter-events asks for), and
	@# that package builds its grammars on import: about a second of CPU in every process that imports nbformat
	@# (each nbgrader command, each notebook run). It only checks the "iri" format of Jupyter's event schemas.
	$(PY) -m pip uninstall --quiet --yes rfc3987-syntax
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m autograder demo

# Test files run in parallel, two per CPU (pytest-xdist): most tests wait on a sandbox or a subprocess, so one per
# CPU leaves cores idle. A file's tests stay in one process (tests/conftest.py groups them), so a graded class is made once.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) * 2 )))
TEST_ARGS = -q -n $(TEST_WORKERS) --dist loadfile

test: $(STAMP)
	$(PY) -m pytest $(TEST_ARGS)

# The suite beside two processes that keep both cores busy: no test may depend on the machine's speed.
test-loaded: $(STAMP)
	@$(PY) -c "import multiprocessing as m, os, subprocess, sys; \
	busy = [m.Process(target=exec, args=('while True: pass',), daemon=True) for _ in range(2)]; \
	[p.start() for p in busy]; code = subprocess.call([sys.executable, '-m', 'pytest', *'$(TEST_ARGS)'.split()]); \
	[p.kill() for p in busy]; sys.exit(code)"

notebooks: $(STAMP)
	$(PY) -m authoring.build_source
	$(MAKE) release solutions

release: $(STAMP)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/nbgrader generate_assignment $(ASSIGNMENT) --force

solutions: $(STAMP)
	$(PY) -m authoring.build_solutions

bench: $(STAMP)
	$(PY) -m bench

.PHONY: mutate
mutate: $(STAMP)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) -m autograder.mutate --via cli --out mutation_report

gradescope: $(STAMP)
	$(PY) -m autograder gradescope --out autograder.zip

clean-results:
	rm -rf demo_output results submitted autograded feedback exchange gradebook.db grades.csv \
	       browser_screenshots autograder.zip mutation_report
