"""Binder's environment, checked without Docker.

repo2docker reads only binder/ (it exists): binder/runtime.txt picks the Python, its base
environment brings JupyterLab 4 / ipywidgets 8 / ipykernel 7 (conda-forge), then it runs
`pip install -r binder/requirements.txt` from the repository root.

- Fast: binder/requirements.txt pins every package it names, and each pin equals the version in
  the top-level requirements.txt / constraints.txt; it does not pin the base's JupyterLab.
- Stand-in build: a fresh venv with binder's Python, the base environment's versions
  (BINDER_BASE, from repo2docker's lock file), then binder/requirements.txt, `pip check`, the
  widget extension present, and every notebook executed in that venv's kernel (nbclient).
  The venv is cached under ~/.cache/nn-course/binder-standin/, keyed by a hash of the content
  that shapes it (binder/, nnlib's build system and dependencies in pyproject.toml, the base
  versions, the interpreter), never by the clone's path: a second clone reuses the first one's stand-in. So that no clone's path stays in
  it, nnlib (the `-e .` line) is uninstalled once the build has been checked, and each run puts
  its own checkout first on the kernel's PYTHONPATH. Later runs only execute the notebooks; a cold
  cache builds the venv from PyPI (about 2 minutes).
- The two top-level installs: requirements.txt (the course, `make lab`) leaves out the test and
  build tools, requirements-dev.txt (`make test`) adds them, and every pin agrees with the lock
  file constraints.txt.
"""

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BINDER = REPO / "binder"
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "nn-course" / "binder-standin"

# repo2docker 2026.4's base environment for Python 3.12 (buildpacks/conda/
# environment.py-3.12-linux-64.lock, frozen 2025-10-16), as pip pins. jupyterhub-singleuser is
# left out: it only connects the server to a hub and changes nothing the notebooks touch.
BINDER_BASE = [
    "pip==25.2",
    "setuptools==80.9.0",
    "jupyterlab==4.4.9",
    "notebook==7.4.7",
    "jupyter_server==2.17.0",
    "jupyterlab_server==2.27.3",
    "jupyter-lsp==2.3.0",
    "jupyter-resource-usage==1.2.0",
    "jupyter-offlinenotebook==0.3.2",
    "ipykernel==7.0.1",
    "ipython==9.6.0",
    "ipywidgets==8.1.7",
    "jupyterlab_widgets==3.0.15",
    "widgetsnbextension==4.0.14",
    "jupyter_client==8.6.3",
    "jupyter_core==5.8.1",
    "nbclient==0.10.2",
    "nbconvert==7.16.6",
    "nbformat==5.10.4",
    "traitlets==5.14.3",
    "tornado==6.5.2",
    "pyzmq==27.1.0",
    "comm==0.2.3",
    "packaging==25.0",
    "python-dateutil==2.9.0.post0",
]
# provided by the base image; a pin of these in binder/ would fight it
BASE_OWNED = {"jupyterlab", "notebook", "jupyter-server", "ipykernel", "jupyterhub"}
KERNEL_NAME = "nn-binder-standin"
CELL_TIMEOUT_S = 120


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> dict[str, str]:
    """name -> version of every `name==version` line (comments and options skipped)."""
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;]+)", line)
        if match:
            pins[_norm(match.group(1))] = match.group(2)
    return pins


def _requirement_lines(path: Path) -> list[str]:
    return [ln.split("#", 1)[0].strip() for ln in path.read_text().splitlines() if ln.split("#", 1)[0].strip()]


def _binder_python_version() -> str:
    text = (BINDER / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-(3\.\d+)", text)
    assert match, f"binder/runtime.txt should read like 'python-3.12', got {text!r}"
    return match.group(1)


# -- fast checks ---------------------------------------------------------------------------------

def test_runtime_names_a_python_repo2docker_supports():
    assert _binder_python_version() in {"3.10", "3.11", "3.12", "3.13"}


def test_binder_requirements_are_pinned_and_install_nnlib():
    lines = _requirement_lines(BINDER / "requirements.txt")
    assert "-e ." in lines, "binder/requirements.txt must install nnlib from the repository (-e .)"
    loose = [ln for ln in lines if ln != "-e ." and "==" not in ln]
    assert not loose, f"unpinned lines in binder/requirements.txt: {loose}"
    base_pinned = sorted(set(_pins(BINDER / "requirements.txt")) & BASE_OWNED)
    assert not base_pinned, f"binder/ pins packages the Binder base image owns: {base_pinned}"


def test_binder_and_top_level_requirements_agree():
    binder = _pins(BINDER / "requirements.txt")
    top = {**_pins(REPO / "constraints.txt"), **_pins(REPO / "requirements.txt")}
    assert binder, "binder/requirements.txt pins nothing"
    missing = sorted(set(binder) - set(top))
    assert not missing, f"binder/ pins packages the top level does not: {missing}"
    differ = {name: (ver, top[name]) for name, ver in binder.items() if top[name] != ver}
    assert not differ, f"binder/ vs top-level versions (binder, top): {differ}"


# -- the two top-level installs -------------------------------------------------------------------

# what only the tests and the notebook build need: a learner's `make lab` must not pay for it
TEST_AND_BUILD_ONLY = {"pytest-xdist", "hypothesis", "playwright", "axe-playwright-python", "jupytext", "nbgrader"}


def test_course_requirements_leave_out_the_test_tools():
    course = set(_pins(REPO / "requirements.txt"))
    assert not course & TEST_AND_BUILD_ONLY, f"requirements.txt installs test tools: {sorted(course & TEST_AND_BUILD_ONLY)}"
    dev_lines = _requirement_lines(REPO / "requirements-dev.txt")
    assert "-r requirements.txt" in dev_lines, "requirements-dev.txt must build on requirements.txt"
    assert TEST_AND_BUILD_ONLY <= set(_pins(REPO / "requirements-dev.txt"))


def test_every_pin_agrees_with_the_lock():
    lock = _pins(REPO / "constraints.txt")
    for name in ["requirements.txt", "requirements-dev.txt"]:
        pins = _pins(REPO / name)
        differ = {n: (v, lock.get(n)) for n, v in pins.items() if lock.get(n) != v}
        assert not differ, f"{name} vs constraints.txt (file, lock): {differ}"
        assert "-c constraints.txt" in _requirement_lines(REPO / name), f"{name} must use the lock"


# -- the stand-in build --------------------------------------------------------------------------

def _find_python(version: str) -> str | None:
    """A working python<version>: pyenv's installs first (its shims may refuse), then PATH."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = sorted(pyenv.glob(f"{version}.*/bin/python{version}"), reverse=True)
    candidates += [Path(p) for p in [shutil.which(f"python{version}")] if p]
    for candidate in candidates:
        probe = subprocess.run([str(candidate), "-c", "import sys, venv; print(sys.version)"],
                               capture_output=True, text=True, timeout=60)
        if probe.returncode == 0 and probe.stdout.startswith(version + "."):
            return str(candidate)
    return None


def _run(cmd, timeout, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kwargs)
    if result.returncode != 0:
        raise AssertionError(
            f"{' '.join(map(str, cmd))} exited {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result


def _install_relevant_pyproject() -> bytes:
    """The parts of pyproject.toml that shape what `-e .` installs (the build system and nnlib's
    dependencies), so that a change to, say, the pytest options does not rebuild the stand-in."""
    data = tomllib.loads((REPO / "pyproject.toml").read_text())
    project = data.get("project", {})
    keep = {"build-system": data.get("build-system"),
            "dependencies": project.get("dependencies"),
            "optional-dependencies": project.get("optional-dependencies"),
            "requires-python": project.get("requires-python")}
    return json.dumps(keep, sort_keys=True).encode()


def _cache_key(python: str) -> str:
    digest = hashlib.sha256()
    for part in [
        (BINDER / "requirements.txt").read_bytes(),
        (BINDER / "runtime.txt").read_bytes(),
        _install_relevant_pyproject(),
        "\n".join(BINDER_BASE).encode(),
        _run([python, "-c", "import sys; print(sys.version)"], 60).stdout.encode(),
    ]:
        digest.update(part)
    return digest.hexdigest()[:16]


def _build(venv: Path, python: str) -> None:
    """What repo2docker does, in a plain venv: base env, then binder/requirements.txt.

    `-e .` installs this checkout's nnlib, as on Binder; binder_env() uninstalls it again after the
    survey, so the cached venv holds no clone's path."""
    shutil.rmtree(venv, ignore_errors=True)
    _run([python, "-m", "venv", str(venv)], 300)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]
    _run(pip + ["install", "--quiet", *BINDER_BASE], 1500)
    _run(pip + ["install", "--quiet", "-r", "binder/requirements.txt"], 1500, cwd=REPO)
    _run([str(venv / "bin" / "python"), "-m", "ipykernel", "install", "--prefix", str(venv),
          "--name", KERNEL_NAME, "--display-name", "binder stand-in"], 120)


def _survey(venv: Path) -> dict:
    """What the consistency test asserts on, gathered once per build (the venv does not change)."""
    python = str(venv / "bin" / "python")
    check = subprocess.run([python, "-m", "pip", "check"], capture_output=True, text=True, timeout=300)
    listed = json.loads(_run([python, "-m", "pip", "list", "--format=json"], 300).stdout)
    ext = subprocess.run([python, "-m", "jupyter", "labextension", "list"], capture_output=True, text=True, timeout=300)
    return {
        "pip_check": {"returncode": check.returncode, "output": check.stdout + check.stderr},
        "installed": {_norm(p["name"]): p["version"] for p in listed},
        "labextensions": re.sub(r"\x1b\[[0-9;]*m", "", ext.stdout + ext.stderr),
    }


def _prune(keep: Path) -> None:
    """Keep the two newest stand-ins; older ones are stale requirement sets."""
    entries = sorted((p for p in CACHE.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in entries if p != keep][1:]:
        shutil.rmtree(old, ignore_errors=True)


@pytest.fixture(scope="module")
def binder_env():
    """The stand-in venv (built, or reused from the cache, under a file lock): its python and survey."""
    version = _binder_python_version()
    python = _find_python(version)
    if python is None:
        reason = f"no python{version} on this machine for the Binder stand-in (binder/runtime.txt)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    CACHE.mkdir(parents=True, exist_ok=True)
    slot = CACHE / _cache_key(python)
    slot.mkdir(exist_ok=True)
    venv, done = slot / "venv", slot / "complete"
    with open(slot / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            _build(venv, python)
            record = {"interpreter": python, "base": BINDER_BASE, **_survey(venv)}
            # the survey has seen `-e .` installed; now drop it, so no clone's path stays in the venv
            _run([str(venv / "bin" / "python"), "-m", "pip", "uninstall", "--yes", "--quiet", "nnlib"], 300)
            done.write_text(json.dumps(record))
        record = json.loads(done.read_text())
        os.utime(slot)
    _prune(slot)
    return {**record, "python": str(venv / "bin" / "python")}


def test_standin_environment_is_consistent(binder_env):
    check = binder_env["pip_check"]
    assert check["returncode"] == 0, f"pip check in the Binder stand-in:\n{check['output']}"
    installed = binder_env["installed"]
    wrong = {n: (v, installed.get(n)) for n, v in _pins(BINDER / "requirements.txt").items() if installed.get(n) != v}
    assert not wrong, f"stand-in did not get binder/'s versions (wanted, got): {wrong}"
    assert "nnlib" in installed, "nnlib was not installed by -e ."
    text = binder_env["labextensions"]
    assert re.search(r"@jupyter-widgets/jupyterlab-manager v\S+ enabled\s+OK", text), text
    broken = re.findall(r"^\s*(\S+) v\S+ enabled\s+X", text, flags=re.MULTILINE)
    assert not broken, f"JupyterLab extensions incompatible with Binder's JupyterLab: {broken}\n{text}"


_EXECUTE = r"""
import json, sys, time, nbformat
from nbclient import NotebookClient
path, cell_timeout, kernel = sys.argv[1], int(sys.argv[2]), sys.argv[3]
nb = nbformat.read(path, as_version=4)
start = time.perf_counter()
NotebookClient(nb, timeout=cell_timeout, kernel_name=kernel,
               resources={"metadata": {"path": sys.argv[4]}}).execute()
errors = [o.get("ename", "") + ": " + o.get("evalue", "") for c in nb.cells if c.cell_type == "code"
          for o in c.get("outputs", []) if o.get("output_type") == "error"]
stderr = [o.get("text", "")[:300] for c in nb.cells if c.cell_type == "code"
          for o in c.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr"]
print("RESULT", json.dumps({"seconds": round(time.perf_counter() - start, 1), "errors": errors, "stderr": stderr}))
"""


def _not_course_files(folder, names):
    """copytree's ignore: checkpoints, and anything that is not a plain file or folder (a kernel's
    leftover IPC socket cannot be copied)."""
    return [n for n in names if n == ".ipynb_checkpoints"
            or not (os.path.isfile(os.path.join(folder, n)) or os.path.isdir(os.path.join(folder, n)))]


def _notebook_params():
    if not NOTEBOOKS:
        return [pytest.param(None, marks=pytest.mark.skip(reason="no notebooks yet"))]
    return [pytest.param(nb, id=nb.stem) for nb in NOTEBOOKS]


@pytest.mark.parametrize("notebook", _notebook_params())
def test_notebook_executes_in_binder_standin(binder_env, notebook, tmp_path):
    work = tmp_path / "notebooks"
    shutil.copytree(notebook.parent, work, ignore=_not_course_files)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "PYTHON", "VIRTUAL_ENV"))}
    env["JUPYTER_DATA_DIR"] = str(tmp_path / "jupyter-data")  # no user kernelspecs leak in
    env["IPYTHONDIR"] = str(tmp_path / "ipython")
    env["PYTHONPATH"] = str(REPO)  # this checkout's nnlib (the cached venv has none of its own)
    result = _run(
        [binder_env["python"], "-c", _EXECUTE, str(work / notebook.name), str(CELL_TIMEOUT_S), KERNEL_NAME, str(work)],
        timeout=600, cwd=work, env=env,
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("RESULT ")), None)
    assert line, result.stdout + result.stderr
    report = json.loads(line[len("RESULT "):])
    assert not report["errors"], f"{notebook.name} raised in the Binder stand-in: {report['errors']}"
    assert not report["stderr"], f"{notebook.name} wrote to stderr in the Binder stand-in: {report['stderr']}"
