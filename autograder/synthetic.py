"""A synthetic class: the release notebooks filled in as a class of students would, for the demo and the benchmarks.

``make_class(out, n)`` writes nbgrader's layout ``<out>/<student_id>/backprop/<notebook>.ipynb`` (plus
``timestamp.txt``) and returns one ``StudentPlan`` per student saying what each exercise holds:

- ``correct``: the answer key's code (the source notebooks' solution cells without the
  ``### BEGIN/END SOLUTION`` markers), or for some students an honest variant's equally correct code
  (``tests/honest/``: loops, ``np.dot``, helper functions, ...);
- ``stub``: left as released (``raise NotImplementedError()``);
- ``mutant``: a realistic bug from the mutant corpus (``tests/mutants/``), with the misconception the
  feedback should name.

The mix is drawn per student from a seeded generator: most students do most exercises right, some stop
before the end or skip an exercise, and most make one or two of the mistakes in the corpus; a few hand in
everything right, and a very few hand in the release untouched. The same
seed gives the same class, byte for byte. The corpora are read by path from the course root (they live
in ``tests/``, which is not part of the installed package); ``release/`` and ``source/`` are only read.

Notebook 3's ungraded solution cell ``activations_from_notebook_2`` gets the student's own notebook-2
versions of the five activations it holds (correct students: correct ones, as the course asks).
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder import course

ROOT = Path(__file__).resolve().parents[1]  # the course root of this checkout
ACTIVATIONS_CELL = "activations_from_notebook_2"
KINDS = ("correct", "stub", "mutant")
_MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[^\n]*(\n|\Z)", re.MULTILINE)

# The mix (per student unless said otherwise); tuned so that the class median is about 85 %.
P_PERFECT = 0.15  # the whole course right
P_BLANK = 0.03  # hands in the release untouched
P_STOPS_EARLY = 0.2  # gives up part-way: every exercise after some point is a stub
P_SKIP = 0.04  # per exercise: left as a stub
MEAN_BUGS = 1.3  # mistakes from the mutant corpus (Poisson, at most MAX_BUGS)
MAX_BUGS = 4
P_HONEST_STYLE = 0.3  # per notebook: written in the style of an honest variant instead of the answer key

_FIRST = ("ana", "ben", "chen", "dara", "elif", "femi", "gita", "hugo", "ines", "jonas", "kai", "lena", "malik",
          "nora", "omar", "priya", "quinn", "rosa", "sami", "tara", "umar", "vera", "wei", "xenia", "yusuf", "zoe",
          "arjun", "bea", "carlos", "dmitri", "emma", "farah", "goran", "hana", "ivan", "julia", "kofi", "lucia")
_LAST = ("abara", "berg", "costa", "diallo", "eriksen", "fischer", "garcia", "huang", "ito", "jansen", "kowalski",
         "lindqvist", "moreau", "nakamura", "okafor", "petrov", "quispe", "rossi", "silva", "tanaka", "ueda",
         "varga", "weber", "xu", "yilmaz", "zhang", "adeyemi", "brandt", "chowdhury", "dubois", "evans", "ferrari")


@dataclass(frozen=True)
class Choice:
    """What one exercise of one student holds."""

    kind: str  # "correct" | "stub" | "mutant"
    variant: str = ""  # the mutant, or the honest variant whose code it is ("" = the answer key)
    expect: str = ""  # mutants: the misconception id the feedback should name


@dataclass
class StudentPlan:
    student_id: str
    exercises: dict[str, Choice] = field(default_factory=dict)  # graded function -> what it holds

    def kinds(self) -> dict[str, str]:
        return {fn: c.kind for fn, c in self.exercises.items()}

    def expected_points(self) -> float:
        """Full points for the correct exercises (stubs give 0, mutants less than full)."""
        return float(sum(pts for _, fn, pts in course.exercises() if self.exercises[fn].kind == "correct"))


# Exercises whose right answer depends on the student id (notebook 5 hands each id its own colleague's code): the
# corpus' files answer for one version, so the class takes neither its styles nor its mutants for them.
_PER_STUDENT = {"bug_report"}


class Corpora:
    """The answer key, the honest variants and the mutants, read from a course root."""

    def __init__(self, root: str | Path = ROOT):
        import nbformat

        self.root = Path(root)
        self.release = self.root / "release" / course.ASSIGNMENT
        source = self.root / "source" / course.ASSIGNMENT
        corpus_file = self.root / "tests" / "corpus.py"
        for needed in (self.release, source, corpus_file):
            if not needed.exists():
                raise FileNotFoundError(
                    f"{needed} is missing: the synthetic class is built from the course's release/, source/ and "
                    "tests/ folders; run from a full clone of the course repository (or pass its root)")
        self.key: dict[str, str] = {}  # solution cell grade_id -> the answer key's code
        for nb_name in course.NOTEBOOKS:
            for cell in nbformat.read(source / f"{nb_name}.ipynb", as_version=4).cells:
                meta = cell.metadata.get("nbgrader", {})
                if cell.cell_type == "code" and meta.get("solution"):
                    self.key[meta["grade_id"]] = _MARKER.sub("", cell.source).rstrip() + "\n"
        corpus = _load_corpus(corpus_file)
        # mutants: function -> [(name, expect, its source with its helpers)]
        self.mutants: dict[str, list[tuple[str, str, str]]] = {}
        for v in corpus.load_mutants():
            fn = v.functions[0]
            if fn in _PER_STUDENT:
                continue
            self.mutants.setdefault(fn, []).append((v.name, v.expect, corpus.submission_sources(v)[fn]))
        # honest styles: notebook -> [(name, {function: source})] (sources self-contained per notebook)
        self.styles: dict[str, list[tuple[str, dict[str, str]]]] = {}
        for v in corpus.load_honest():
            if v.name == "baseline":
                continue
            sources = corpus.submission_sources(v)
            for nb_name in sorted({course.notebook_of(fn) for fn in v.functions}):
                mine = {fn: sources[fn] for fn in v.functions if course.notebook_of(fn) == nb_name}
                if set(mine) & _PER_STUDENT:
                    continue
                self.styles.setdefault(nb_name, []).append((v.name, mine))
        self.release_notebooks = {nb: nbformat.read(self.release / f"{nb}.ipynb", as_version=4) for nb in course.NOTEBOOKS}
        self.activations = [fn for fn in course.NOTEBOOKS["02_activations"] if f"def {fn}(" in self.key[ACTIVATIONS_CELL]]

    def code(self, function: str, choice: Choice) -> str | None:
        """The solution cell's code for ``choice`` (None: leave the released stub)."""
        if choice.kind == "stub":
            return None
        if choice.kind == "mutant":
            return next(src for name, _, src in self.mutants[function] if name == choice.variant)
        if choice.variant:
            nb_name = course.notebook_of(function)
            return next(srcs for name, srcs in self.styles[nb_name] if name == choice.variant)[function]
        return self.key[function]


def _load_corpus(path: Path):
    """tests/corpus.py loaded by path (the package never imports tests/ by name)."""
    name = "_autograder_synthetic_corpus"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------- the plan


def student_ids(n: int, seed: int = 0) -> list[str]:
    """``n`` distinct plausible usernames (first name and surname, a digit on a clash)."""
    rng = random.Random(f"ids:{seed}")
    ids: list[str] = []
    while len(ids) < n:
        base = f"{rng.choice(_FIRST)}_{rng.choice(_LAST)}"
        name, k = base, 2
        while name in ids:
            name, k = f"{base}{k}", k + 1
        ids.append(name)
    return ids


def plan_student(student_id: str, rng: random.Random, corpora: Corpora) -> StudentPlan:
    """One student's mix of correct exercises, stubs and bugs, drawn from ``rng``."""
    exercises = [fn for _, fn, _ in course.exercises()]
    kinds = {fn: "correct" for fn in exercises}
    draw = rng.random()
    if draw < P_BLANK:
        kinds = {fn: "stub" for fn in exercises}
    elif draw >= P_BLANK + P_PERFECT:
        if rng.random() < P_STOPS_EARLY:
            stop = rng.randrange(len(course.NOTEBOOKS["01_chain_rule"]), len(exercises))
            for fn in exercises[stop:]:
                kinds[fn] = "stub"
        for fn in exercises:
            if rng.random() < P_SKIP:
                kinds[fn] = "stub"
        bugs = min(MAX_BUGS, _poisson(rng, MEAN_BUGS))
        # functions with more known mistakes are the ones students get wrong more often
        pool = [fn for fn in exercises if kinds[fn] == "correct" for _ in corpora.mutants.get(fn, ())]
        for _ in range(bugs):
            if not pool:
                break
            fn = rng.choice(pool)
            kinds[fn] = "mutant"
            pool = [f for f in pool if f != fn]
    plan = StudentPlan(student_id)
    for fn in exercises:
        if kinds[fn] == "mutant":
            name, expect, _ = rng.choice(corpora.mutants[fn])
            plan.exercises[fn] = Choice("mutant", name, expect)
        else:
            plan.exercises[fn] = Choice(kinds[fn])
    for nb_name, table in course.NOTEBOOKS.items():
        if rng.random() >= P_HONEST_STYLE:
            continue
        # a style is taken only where all of its functions are correct (its helpers travel with them)
        usable = [name for name, srcs in corpora.styles.get(nb_name, ()) if all(kinds[fn] == "correct" for fn in srcs)]
        if usable:
            name = rng.choice(usable)
            for fn in dict(corpora.styles[nb_name])[name]:
                plan.exercises[fn] = Choice("correct", name)
    return plan


def _poisson(rng: random.Random, mean: float) -> int:
    k, p, limit = 0, rng.random(), pow(2.718281828459045, -mean)
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def plan_class(n: int, seed: int = 0, corpora: Corpora | None = None) -> list[StudentPlan]:
    """The plans of a class of ``n`` students; the same ``seed`` gives the same class."""
    corpora = corpora or Corpora()
    return [plan_student(sid, random.Random(f"student:{seed}:{sid}"), corpora) for sid in student_ids(n, seed)]


def uniform_plan(student_id: str, kind: str, corpora: Corpora | None = None, mutant: str | None = None) -> StudentPlan:
    """A student whose every exercise is ``kind`` ("correct" or "stub"), or the answer key with one ``mutant``."""
    plan = StudentPlan(student_id, {fn: Choice(kind) for _, fn, _ in course.exercises()})
    if mutant is not None:
        corpora = corpora or Corpora()
        fn, expect = next((fn, e) for fn, ms in corpora.mutants.items() for name, e, _ in ms if name == mutant)
        plan.exercises[fn] = Choice("mutant", mutant, expect)
    return plan


# ----------------------------------------------------------------------------- writing notebooks


def write_student(folder: str | Path, plan: StudentPlan, corpora: Corpora, timestamp: str, secret: str) -> None:
    """``folder/<notebook>.ipynb`` for every notebook (the release, solution cells filled) and timestamp.txt."""
    import copy

    import nbformat

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for nb_name in course.NOTEBOOKS:
        nb = copy.deepcopy(corpora.release_notebooks[nb_name])
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            grade_id = meta.get("grade_id")
            if cell.cell_type != "code" or not meta.get("solution"):
                continue
            if grade_id == ACTIVATIONS_CELL:
                code = _activations_cell(plan, corpora)
            elif grade_id == "bug_report" and plan.exercises[grade_id].kind == "correct":
                code = _bug_report(plan.student_id, secret)
            elif grade_id in plan.exercises:
                code = corpora.code(grade_id, plan.exercises[grade_id])
            else:
                code = None
            if code is not None:
                cell.source = code.strip("\n")
        nbformat.write(nb, folder / f"{nb_name}.ipynb")
    (folder / "timestamp.txt").write_text(timestamp + "\n", encoding="utf-8")


def _bug_report(student_id: str, secret: str) -> str:
    """The report a student who found their bug writes: the two numbers of their own version of the colleague's code
    (notebook 5 hands each student the version of their bug-hunt code, drawn from ``secret`` and their id)."""
    from autograder.checks import seeds
    from autograder.reference.gradient_checking import bug_code, bug_for

    report = bug_for(bug_code(seeds.seed_for(student_id, secret=secret)))
    return f"def bug_report():\n    return {{\"gradient\": {report['gradient']!r}, \"factor\": {report['factor']!r}}}\n"


def _activations_cell(plan: StudentPlan, corpora: Corpora) -> str | None:
    """Notebook 3's copy of the student's notebook-2 activations (the key's where they got them right)."""
    if all(plan.exercises[fn].kind == "stub" for fn in corpora.activations):
        return None
    parts = []
    for fn in corpora.activations:
        choice = plan.exercises[fn]
        code = corpora.code(fn, Choice("correct") if choice.kind == "stub" else choice)
        parts.append(code.strip("\n"))
    return "\n\n\n".join(parts)


def make_class(out: str | Path, n: int = 30, seed: int = 0, *, root: str | Path = ROOT,
               plans: list[StudentPlan] | None = None, secret: str | None = None) -> list[StudentPlan]:
    """Write a synthetic class into ``out`` (nbgrader's submitted/ layout); its plans, in id order.

    ``plans`` writes exactly those students instead of drawing ``n`` of them from ``seed``. ``secret``: the course
    secret the class will be graded with (default: ``seeds.course_secret()``), which gives each student the
    bug-hunt code whose planted bug their right bug report names.
    """
    if secret is None:
        import warnings

        from autograder.checks import seeds

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the development secret is fine for a synthetic class
            secret = seeds.course_secret()
    corpora = Corpora(root)
    plans = plans if plans is not None else plan_class(n, seed, corpora)
    out = Path(out)
    for i, plan in enumerate(sorted(plans, key=lambda p: p.student_id)):
        stamp = f"2026-03-{1 + i % 28:02d} {9 + i % 12:02d}:{(7 * i) % 60:02d}:00.000000 UTC"
        write_student(out / plan.student_id / course.ASSIGNMENT, plan, corpora, stamp, secret)
    return sorted(plans, key=lambda p: p.student_id)


def save_plans(path: str | Path, plans: list[StudentPlan]) -> None:
    """The plans as JSON ({student: {function: {kind, variant, expect}}}), for checking a grading run."""
    data = {p.student_id: {fn: asdict(c) for fn, c in p.exercises.items()} for p in plans}
    Path(path).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def load_plans(path: str | Path) -> list[StudentPlan]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [StudentPlan(sid, {fn: Choice(**c) for fn, c in ex.items()}) for sid, ex in data.items()]


def describe(plans: list[StudentPlan]) -> str:
    """One line: how many exercises of the class are correct, stubs and bugs."""
    counts = {k: 0 for k in KINDS}
    for p in plans:
        for c in p.exercises.values():
            counts[c.kind] += 1
    total = sum(counts.values()) or 1
    return (f"{len(plans)} students, {total} exercises: " + ", ".join(
        f"{counts[k]} {k if k != 'mutant' else 'with a bug'} ({counts[k] / total:.0%})" for k in KINDS))
