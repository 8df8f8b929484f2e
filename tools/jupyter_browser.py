"""Drive the course's notebooks in a real JupyterLab, in headless Chromium.

Used by tests/test_browser.py (does every notebook run, react, pass axe-core's accessibility
rules, work from the keyboard, and survive a save unchanged?) and by tools/bench.py (how long
from a slider key press to the changed picture?).

    with JupyterLabServer(root_dir) as lab, Browser() as browser:
        page = browser.new_page()
        open_notebook(page, lab, "notebooks/01_perceptron.ipynb")
        run_all_cells(page, lab)
        problems = notebook_problems(page)
        move = move_slider(page)          # key press -> image src change, in ms
        report = run_axe(page)            # axe-core: violations in the content and in JupyterLab
        controls = find_controls(page)    # every control in the outputs, with its visible label
        press_button(page, demo, "step", "Space")   # a demo's Play / Step / Reset by keyboard
        save_notebook(page)               # what Ctrl+S does

The server listens on 127.0.0.1 with a random free port and a random token; its settings,
workspaces, runtime and config live in a private temporary folder (autosave off, notebook
windowing mode "none" so every cell is in the DOM). Chromium is Debian's system browser driven
by Python Playwright (browsers are never downloaded). Both stop every process they started.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# JupyterLab user settings written into the private settings folder.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def find_chromium() -> str | None:
    """Path of the system Chromium, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def playwright_available() -> bool:
    """True when the Python Playwright package can be imported."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


def _kill_all(procs: list[psutil.Process], grace: float = 5.0) -> None:
    """SIGTERM every process, wait up to `grace` seconds, then SIGKILL what is left."""
    alive = []
    for proc in procs:
        try:
            proc.terminate()
            alive.append(proc)
        except psutil.Error:
            pass
    _, alive = psutil.wait_procs(alive, timeout=grace)
    for proc in alive:
        try:
            proc.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(alive, timeout=grace)


class JupyterLabServer:
    """A private JupyterLab server on 127.0.0.1 serving `root_dir`; a context manager."""

    def __init__(self, root_dir, python: str = sys.executable, startup_timeout: float = 90.0):
        self.root_dir = Path(root_dir).resolve()
        self.python = python
        self.startup_timeout = startup_timeout
        self.port = free_port()
        self.token = os.urandom(24).hex()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.proc: subprocess.Popen | None = None
        self._tmp = tempfile.TemporaryDirectory(prefix="nn-jupyterlab-")
        self.home = Path(self._tmp.name)
        self.log_path = self.home / "server.log"
        self._known: dict[int, psutil.Process] = {}

    # -- lifecycle -------------------------------------------------------------------------
    def _environment(self) -> dict:
        env = dict(os.environ)
        for name, sub in [
            ("JUPYTER_CONFIG_DIR", "config"),
            ("JUPYTER_RUNTIME_DIR", "runtime"),
            ("JUPYTER_DATA_DIR", "data"),
            ("JUPYTERLAB_SETTINGS_DIR", "settings"),
            ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
            ("IPYTHONDIR", "ipython"),
        ]:
            path = self.home / sub
            path.mkdir(parents=True, exist_ok=True)
            env[name] = str(path)
        env.pop("JUPYTER_PATH", None)
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def _write_settings(self) -> None:
        for rel, values in LAB_SETTINGS.items():
            path = self.home / "settings" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))

    def command(self) -> list[str]:
        cmd = [
            self.python, "-m", "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            "--ServerApp.terminals_enabled=False",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        return cmd

    def start(self) -> "JupyterLabServer":
        env = self._environment()
        self._write_settings()
        log = open(self.log_path, "wb")
        try:
            self.proc = subprocess.Popen(
                self.command(), env=env, cwd=self.root_dir, stdin=subprocess.DEVNULL,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        finally:
            log.close()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                self.api("api/status", timeout=2)
                return self
            except (OSError, urllib.error.URLError):
                time.sleep(0.25)
        self.stop()
        raise TimeoutError(f"JupyterLab did not answer within {self.startup_timeout:.0f} s:\n{self.log_tail()}")

    def remember_children(self) -> None:
        """Note the server's current child processes (kernels) so stop() can reap them."""
        if self.proc is not None:
            for proc in _descendants(self.proc.pid):
                self._known[proc.pid] = proc

    def stop(self) -> None:
        """Shut kernels down, stop the server, and kill anything of ours still running."""
        if self.proc is None:
            return
        try:
            self.remember_children()
            try:
                self.shutdown_kernels(timeout=5)
            except Exception:
                pass
            self.remember_children()
            if self.proc.poll() is None:
                try:
                    os.killpg(self.proc.pid, signal.SIGTERM)
                except OSError:
                    pass
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    try:
                        os.killpg(self.proc.pid, signal.SIGKILL)
                    except OSError:
                        pass
                    self.proc.wait(timeout=10)
            _kill_all([p for p in self._known.values() if p.is_running()])
        finally:
            self.proc = None
            self._tmp.cleanup()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    # -- REST ------------------------------------------------------------------------------
    def api(self, path: str, method: str = "GET", timeout: float = 10):
        req = urllib.request.Request(
            self.url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def kernels(self) -> list[dict]:
        return self.api("api/kernels")

    def kernel_pids(self) -> list[int]:
        """Pids of the server's kernel processes (its children running ipykernel)."""
        if self.proc is None:
            return []
        pids = []
        for proc in _descendants(self.proc.pid):
            try:
                if any("ipykernel" in part for part in proc.cmdline()):
                    pids.append(proc.pid)
            except psutil.Error:
                pass
        return pids

    def wait_kernels_idle(self, timeout: float = 60, settle: float = 0.3) -> None:
        """Poll /api/kernels until every kernel reports idle twice, `settle` s apart."""
        deadline = time.monotonic() + timeout
        streak = 0
        while time.monotonic() < deadline:
            states = [k.get("execution_state") for k in self.kernels()]
            streak = streak + 1 if states and all(s == "idle" for s in states) else 0
            if streak >= 2:
                return
            time.sleep(settle)
        raise TimeoutError(f"kernels not idle after {timeout:.0f} s: {self.kernels()}")

    def shutdown_kernels(self, timeout: float = 10) -> None:
        self.remember_children()
        for kernel in self.kernels():
            try:
                self.api(f"api/kernels/{kernel['id']}", method="DELETE", timeout=timeout)
            except (OSError, urllib.error.URLError):
                pass
        for proc in list(self._known.values()):
            try:
                proc.wait(timeout=timeout)
            except (psutil.Error, psutil.TimeoutExpired):
                pass


class Browser:
    """Headless system Chromium driven by Python Playwright; a context manager."""

    def __init__(self, executable: str | None = None, launch_timeout: float = 60.0):
        self.executable = executable or find_chromium()
        if not self.executable:
            raise FileNotFoundError("no `chromium` on PATH (Debian: apt-get install chromium)")
        self.launch_timeout = launch_timeout
        self._pw = None
        self.browser = None
        self._procs: dict[int, psutil.Process] = {}

    def start(self) -> "Browser":
        from playwright.sync_api import sync_playwright

        before = {p.pid for p in _descendants(os.getpid())}
        self._pw = sync_playwright().start()
        try:
            self.browser = self._pw.chromium.launch(
                executable_path=self.executable, args=CHROMIUM_ARGS, headless=True,
                timeout=self.launch_timeout * 1000,
            )
        finally:
            for proc in _descendants(os.getpid()):
                if proc.pid not in before:
                    self._procs[proc.pid] = proc
        return self

    def new_page(self, width: int = 1280, height: int = 900):
        page = self.browser.new_page(viewport={"width": width, "height": height})
        page.set_default_timeout(30_000)
        return page

    def stop(self) -> None:
        try:
            if self.browser is not None:
                self.browser.close()
        except Exception:
            pass
        try:
            if self._pw is not None:
                self._pw.stop()
        except Exception:
            pass
        self.browser = self._pw = None
        _kill_all([p for p in self._procs.values() if p.is_running()], grace=3)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# -- driving a notebook in the page ----------------------------------------------------------

_PANEL_JS = """(path) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return false;
  const w = app.shell.currentWidget;
  return !!(w && w.content && w.sessionContext && w.context && w.context.path === path
            && w.context.isReady);
}"""

_KERNEL_READY_JS = """async () => {
  const w = window.jupyterapp.shell.currentWidget;
  await w.sessionContext.ready;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle';
}"""

_STATUS_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const nb = w.content;
  let pending = 0, errors = 0, running = 0, code = 0;
  for (const cell of nb.widgets) {
    const m = cell.model;
    if (m.type !== 'code') continue;
    code += 1;
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    if (prompt && prompt.textContent.includes('*')) running += 1;
    if (m.sharedModel.getSource().trim() !== '' && m.executionCount === null) pending += 1;
    for (let i = 0; i < m.outputs.length; i++) {
      if (m.outputs.get(i).type === 'error') errors += 1;
    }
  }
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return {code, pending, errors, running, kernel: k ? k.status : 'none'};
}"""

_PROBLEMS_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const root = w.content.node;
  const out = [];
  const cells = w.content.widgets;
  cells.forEach((cell, index) => {
    const m = cell.model;
    if (m.type !== 'code') return;
    for (let i = 0; i < m.outputs.length; i++) {
      const o = m.outputs.get(i).toJSON();
      if (o.output_type === 'error') {
        out.push(`cell ${index}: ${o.ename}: ${o.evalue}`);
      }
    }
    cell.node.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]').forEach(n => {
      out.push(`cell ${index}: stderr: ${n.innerText.slice(0, 400)}`);
    });
  });
  if (root.innerText.includes('Error displaying widget')) {
    out.push('"Error displaying widget" in the notebook');
  }
  return out;
}"""

_WIDGETS_JS = """() => {
  // widget outputs the model holds, against widget views rendered in the page
  const WIDGET = 'application/vnd.jupyter.widget-view+json';
  let total = 0, rendered = 0;
  const missing = [];
  window.jupyterapp.shell.currentWidget.content.widgets.forEach((cell, index) => {
    const m = cell.model;
    if (m.type !== 'code') return;
    let expected = 0;
    for (let i = 0; i < m.outputs.length; i++) {
      const data = m.outputs.get(i).data || {};
      if (WIDGET in data) expected += 1;
    }
    if (!expected) return;
    total += expected;
    const views = Array.from(cell.node.querySelectorAll('.jp-OutputArea-output')).filter(n =>
      n.querySelector(':scope > .jupyter-widgets') !== null
      && n.querySelector('.widget-error') === null
      && !n.innerText.includes('Error displaying widget'));
    rendered += Math.min(views.length, expected);
    if (views.length < expected) missing.push(`cell ${index}: ${views.length} of ${expected} widgets rendered`);
  });
  return {total, rendered, missing};
}"""

_SLIDERS_JS = """() => {
  const root = window.jupyterapp.shell.currentWidget.content.node;
  const handles = Array.from(root.querySelectorAll('.widget-slider .noUi-handle'));
  const found = [];
  handles.forEach((h, i) => {
    h.setAttribute('data-nn-slider', String(i));
    // the nearest enclosing widget box that also holds an image is the demo it drives
    let box = h.closest('.widget-slider');
    let imgs = [];
    while (box && box !== root) {
      imgs = box.querySelectorAll('img');
      if (imgs.length) break;
      if (box.classList.contains('jp-OutputArea-output')) break;
      box = box.parentElement;
    }
    found.push({index: i, images: imgs.length,
                now: Number(h.getAttribute('aria-valuenow')),
                max: Number(h.getAttribute('aria-valuemax'))});
  });
  return found;
}"""

_ARM_JS = """(index) => {
  const root = window.jupyterapp.shell.currentWidget.content.node;
  const h = root.querySelector(`[data-nn-slider="${index}"]`);
  let box = h.closest('.widget-slider');
  let imgs = [];
  while (box && box !== root) {
    imgs = Array.from(box.querySelectorAll('img'));
    if (imgs.length || box.classList.contains('jp-OutputArea-output')) break;
    box = box.parentElement;
  }
  const state = {pressedAt: null, changedAt: null, loadedAt: null, before: imgs.map(i => i.src)};
  window.__nnMove = state;
  const onKey = () => { if (state.pressedAt === null) state.pressedAt = performance.now(); };
  h.addEventListener('keydown', onKey, {capture: true, once: true});
  const obs = new MutationObserver(() => {
    if (state.changedAt !== null) return;
    const target = imgs.find((img, k) => img.src !== state.before[k]);
    if (!target) return;
    state.changedAt = performance.now();
    obs.disconnect();
    const done = () => { if (state.loadedAt === null) state.loadedAt = performance.now(); };
    if (target.complete) done(); else target.addEventListener('load', done, {once: true});
  });
  imgs.forEach(img => obs.observe(img, {attributes: true, attributeFilter: ['src']}));
  return imgs.length;
}"""


_SWITCH_JS = """async (path) => {
  // close open documents without saving (autosave is off; mark them clean so no dialog asks),
  // then open the next notebook in the same JupyterLab page: no page reload
  const app = window.jupyterapp;
  for (const w of Array.from(app.shell.widgets('main'))) {
    if (w.context && w.context.model) w.context.model.dirty = false;
    w.close();
  }
  await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  return true;
}"""


def open_notebook(page, lab: JupyterLabServer, relpath: str, workspace: str, timeout: float = 90) -> None:
    """Open `relpath` (relative to the server root) and wait for its kernel to be idle.

    The first call loads JupyterLab in a fresh workspace; later calls on the same page close the
    open documents (unsaved) and open the next notebook in place, which skips a page load."""
    loaded = page.url.startswith(lab.url) and page.evaluate("() => !!window.jupyterapp")
    if loaded:
        page.evaluate(_SWITCH_JS, relpath)
    else:
        url = f"{lab.url}lab/workspaces/{workspace}/tree/{relpath}?token={lab.token}"
        page.goto(url, timeout=timeout * 1000, wait_until="domcontentloaded")
    page.wait_for_function(_PANEL_JS, arg=relpath, timeout=timeout * 1000, polling=200)
    page.wait_for_function(_KERNEL_READY_JS, timeout=timeout * 1000, polling=200)


def run_all_cells(page, lab: JupyterLabServer, timeout: float = 120) -> dict:
    """Run All Cells (`runmenu:run-all`), then wait until no cell is queued or running and the
    kernel is idle, in the page and through /api/kernels. Returns the final cell status."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.evaluate("() => { window.jupyterapp.commands.execute('runmenu:run-all'); }")
    deadline = time.monotonic() + timeout
    status = None
    while time.monotonic() < deadline:
        status = page.evaluate(_STATUS_JS)
        finished = status["pending"] == 0 or status["errors"] > 0
        if finished and status["running"] == 0 and status["kernel"] == "idle":
            lab.wait_kernels_idle(timeout=max(1.0, deadline - time.monotonic()))
            status = page.evaluate(_STATUS_JS)
            if status["running"] == 0:
                return status
        page.wait_for_timeout(250)
    raise TimeoutError(f"notebook still running after {timeout:.0f} s: {status}")


def notebook_problems(page) -> list[str]:
    """Error outputs, stderr outputs and "Error displaying widget" messages in the notebook."""
    return page.evaluate(_PROBLEMS_JS)


def wait_widgets_rendered(page, timeout: float = 20) -> dict:
    """Wait until every widget-view output holds a rendered widget; return the counts."""
    deadline = time.monotonic() + timeout
    info = page.evaluate(_WIDGETS_JS)
    while info["rendered"] < info["total"] and time.monotonic() < deadline:
        page.wait_for_timeout(250)
        info = page.evaluate(_WIDGETS_JS)
    return info


def find_sliders(page) -> list[dict]:
    """Every ipywidgets slider handle in the notebook, with how many images its demo holds."""
    return page.evaluate(_SLIDERS_JS)


_MOVE_SETTLED_JS = """(quietMs) => {
  const s = window.__nnMove;
  if (s.changedAt !== null && s.loadedAt !== null) return true;
  if (s.changedAt !== null || s.pressedAt === null) return false;
  // no change yet: give up once the kernel has been idle and quietMs have passed since the press
  // (the kernel sends its image update before it reports idle, so nothing more is coming)
  const w = window.jupyterapp.shell.currentWidget;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return performance.now() - s.pressedAt > quietMs && !!k && k.status === 'idle';
}"""


def move_slider(page, slider: dict, timeout: float = 10, quiet_ms: float = 1500) -> dict | None:
    """Press one arrow key on `slider`'s handle; return in-page times (ms) from the key press
    to the image's src changing and to the new image having loaded. None when the picture did
    not change: within `timeout` s, or because the kernel went idle (and `quiet_ms` passed)
    without sending a new one (a control whose move leaves this picture as it was)."""
    key = "ArrowLeft" if slider["now"] >= slider["max"] else "ArrowRight"
    handle = page.locator(f'[data-nn-slider="{slider["index"]}"]')
    handle.scroll_into_view_if_needed(timeout=timeout * 1000)
    if page.evaluate(_ARM_JS, slider["index"]) == 0:
        return None
    handle.focus(timeout=timeout * 1000)
    page.keyboard.press(key)
    try:
        page.wait_for_function(_MOVE_SETTLED_JS, arg=quiet_ms, timeout=timeout * 1000, polling=50)
    except Exception:  # playwright's TimeoutError
        return None
    state = page.evaluate("() => window.__nnMove")
    if state["changedAt"] is None or state["loadedAt"] is None:
        return None  # the kernel answered and went idle, and the picture stayed the same
    slider["now"] = float(handle.get_attribute("aria-valuenow"))
    return {
        "key": key,
        "to_src_ms": state["changedAt"] - state["pressedAt"],
        "to_loaded_ms": state["loadedAt"] - state["pressedAt"],
    }


#: The height the page needs to show the whole open notebook (JupyterLab windows long notebooks).
NOTEBOOK_HEIGHT_JS = """() => {
  const nb = window.jupyterapp.shell.currentWidget.content.node;
  const inner = nb.querySelector('.jp-WindowedPanel-inner');
  const content = inner ? inner.scrollHeight : nb.scrollHeight;
  return Math.ceil(content + nb.getBoundingClientRect().top + 60);
}"""


def screenshot_notebook(page, path, max_height: int = 14000) -> Path:
    """A screenshot of the whole notebook: the file browser is folded away and the viewport
    grows to the notebook's height (re-measured, as wider images grow taller)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.evaluate("() => { const s = window.jupyterapp.shell; if (s.collapseLeft) s.collapseLeft(); }")
    height = size["height"]
    for _ in range(4):
        page.wait_for_timeout(300)
        wanted = page.evaluate(NOTEBOOK_HEIGHT_JS)
        wanted = int(min(max(wanted, size["height"]), max_height))
        if wanted <= height:
            break
        height = wanted
        page.set_viewport_size({"width": size["width"], "height": height})
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


# -- accessibility: axe-core, keyboard -------------------------------------------------------

#: What counts as the course's own content in the page: rendered markdown and cell outputs
#: (widgets included). Everything else (toolbars, side bars, menus, the cell editors and
#: prompts, the heading-collapse buttons) is JupyterLab's.
CONTENT_SELECTOR = ".jp-Notebook .jp-RenderedMarkdown, .jp-Notebook .jp-OutputArea-output"
SERIOUS = ("serious", "critical")


def axe_script() -> str | None:
    """The axe-core engine bundled by the Python package axe-playwright-python, or None."""
    try:
        import axe_playwright_python
    except ImportError:
        return None
    path = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    return path.read_text(encoding="utf-8") if path.is_file() else None


_AXE_RUN_JS = """async (contentSelector) => {
  const result = await axe.run(document, {resultTypes: ['violations', 'incomplete'], elementRef: true});
  const pick = (list, kind) => {
    const out = [];
    for (const rule of list) for (const node of rule.nodes) {
      const el = node.element;
      out.push({
        kind, rule: rule.id, impact: node.impact || rule.impact || 'none',
        content: !!(el && el.closest && el.closest(contentSelector)),
        target: JSON.stringify(node.target).slice(0, 300),
        html: (node.html || '').slice(0, 300),
        summary: (node.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 400),
      });
    }
    return out;
  };
  return {version: axe.version, violations: pick(result.violations, 'violation'),
          incomplete: pick(result.incomplete, 'incomplete')};
}"""


def _grow_viewport(page, max_height: int = 14000) -> dict:
    """Make the viewport as tall as the notebook (so every cell is on screen, as colour
    contrast checks need); returns the previous size for :func:`_restore_viewport`."""
    size = dict(page.viewport_size)
    wanted = page.evaluate(NOTEBOOK_HEIGHT_JS)
    page.set_viewport_size({"width": size["width"], "height": int(min(max(wanted, size["height"]), max_height))})
    page.wait_for_timeout(300)
    return size


def run_axe(page) -> dict:
    """Run axe-core on the whole JupyterLab page (viewport grown to the notebook's height).

    Returns ``{"version", "content": [...], "chrome": [...], "incomplete": [...]}``: one entry
    per violating node (rule, impact, target, html, summary), split by whether the node sits
    in the notebook's own content (:data:`CONTENT_SELECTOR`) or in JupyterLab's chrome;
    ``incomplete`` lists what axe could not decide inside the content (e.g. contrast on an
    image background)."""
    script = axe_script()
    if script is None:
        raise RuntimeError("axe-core is not available: pip install axe-playwright-python")
    size = _grow_viewport(page)
    try:
        page.evaluate(script)
        raw = page.evaluate(_AXE_RUN_JS, CONTENT_SELECTOR)
    finally:
        page.set_viewport_size(size)
    return {
        "version": raw["version"],
        "content": [v for v in raw["violations"] if v["content"]],
        "chrome": [v for v in raw["violations"] if not v["content"]],
        "incomplete": [v for v in raw["incomplete"] if v["content"]],
    }


def serious(violations: list[dict]) -> list[dict]:
    """The serious and critical entries of a list from :func:`run_axe`."""
    return [v for v in violations if v["impact"] in SERIOUS]


_CONTROLS_JS = """() => {
  // every control in the notebook's outputs: a widget slider handle, button, select, input
  const nb = window.jupyterapp.shell.currentWidget.content.node;
  const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const controls = Array.from(nb.querySelectorAll(
      '.jp-OutputArea-output .noUi-handle, .jp-OutputArea-output button, '
      + '.jp-OutputArea-output select, .jp-OutputArea-output input, .jp-OutputArea-output textarea'))
    .filter(visible);
  return controls.map((el, i) => {
    el.setAttribute('data-nn-control', String(i));
    let label = '';
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const ref = document.getElementById(by);
      if (ref && visible(ref)) label = ref.innerText.trim();
    } else if (el.tagName === 'BUTTON') {
      label = el.innerText.trim();
    } else if (el.id) {
      const lab = nb.querySelector(`label[for="${el.id}"]`);
      if (lab && visible(lab)) label = lab.innerText.trim();
    }
    if (!label && el.closest('.widget-checkbox')) label = el.closest('.widget-checkbox').innerText.trim();
    return {index: i, tag: el.tagName.toLowerCase(), role: el.getAttribute('role') || '',
            tabindex: el.tabIndex, disabled: !!el.disabled, label,
            demo: !!el.closest('.nn-demo'), html: el.outerHTML.slice(0, 160)};
  });
}"""


def find_controls(page) -> list[dict]:
    """Every visible control in the notebook's outputs, with its tab index and its visible
    label (the text of the element that names it, when that element is shown)."""
    return page.evaluate(_CONTROLS_JS)


def tab_reaches(page, controls: list[dict], max_presses: int = 400) -> set[int]:
    """Focus the first control, then press Tab until every control in ``controls`` has held
    the focus (or ``max_presses``): the indices of those reached from the keyboard."""
    if not controls:
        return set()
    wanted = {c["index"] for c in controls}
    first = page.locator(f'[data-nn-control="{controls[0]["index"]}"]')
    first.scroll_into_view_if_needed()
    first.focus()
    reached = set()
    for _ in range(max_presses):
        now = page.evaluate("() => { const a = document.activeElement;"
                            " return a ? a.getAttribute('data-nn-control') : null; }")
        if now is not None:
            reached.add(int(now))
        if wanted <= reached:
            break
        page.keyboard.press("Tab")
    return reached & wanted


_PLAYERS_JS = """() => {
  // demos with a Play / Step / Reset row: mark the buttons and the live image of each
  const nb = window.jupyterapp.shell.currentWidget.content.node;
  const out = [];
  nb.querySelectorAll('.nn-demo').forEach((demo, d) => {
    const buttons = Array.from(demo.querySelectorAll('button'));
    const find = names => buttons.find(b => names.includes(b.innerText.trim()));
    const play = find(['Play', 'Pause']), step = find(['Step']), reset = find(['Reset']);
    const img = demo.querySelector('img.nn-live-image');
    if (!play || !step || !reset || !img) return;
    play.setAttribute('data-nn-player', `${d}-play`);
    step.setAttribute('data-nn-player', `${d}-step`);
    reset.setAttribute('data-nn-player', `${d}-reset`);
    img.setAttribute('data-nn-player', `${d}-image`);
    out.push(d);
  });
  return out;
}"""


def find_players(page) -> list[int]:
    """Demos showing Play / Step / Reset buttons (ids for :func:`press_button`)."""
    return page.evaluate(_PLAYERS_JS)


_KERNEL_IDLE_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle';
}"""


def _image_src(page, demo: int) -> str:
    return page.locator(f'[data-nn-player="{demo}-image"]').get_attribute("src") or ""


def press_button(page, demo: int, which: str, key: str, timeout: float = 10,
                 quiet_ms: float = 1200) -> dict:
    """Focus button ``which`` (play, step or reset) of player ``demo`` and press ``key``.

    Returns ``{"label", "focused", "changed", "ms"}``: the button's label after the press,
    whether it held the focus when the key went down, whether the demo's picture changed,
    and how long that took (ms, None when it did not change within the time the kernel
    needed to answer plus ``quiet_ms``)."""
    button = page.locator(f'[data-nn-player="{demo}-{which}"]')
    button.scroll_into_view_if_needed(timeout=timeout * 1000)
    before = _image_src(page, demo)
    button.focus(timeout=timeout * 1000)
    focused = page.evaluate(
        "(id) => document.activeElement === document.querySelector(`[data-nn-player=\"${id}\"]`)",
        f"{demo}-{which}")
    start = time.monotonic()
    page.keyboard.press(key)
    changed_ms = None
    deadline = start + timeout
    idle_since = None
    while time.monotonic() < deadline:
        if _image_src(page, demo) != before:
            changed_ms = (time.monotonic() - start) * 1000
            break
        idle = page.evaluate(_KERNEL_IDLE_JS)
        now = time.monotonic()
        idle_since = (idle_since or now) if idle else None
        if idle_since is not None and (now - idle_since) * 1000 > quiet_ms:
            break
        page.wait_for_timeout(50)
    return {"label": button.inner_text().strip(), "focused": bool(focused),
            "changed": changed_ms is not None, "ms": changed_ms}


def button_label(page, demo: int, which: str) -> str:
    """The visible label of button ``which`` of player ``demo`` now."""
    return page.locator(f'[data-nn-player="{demo}-{which}"]').inner_text().strip()


def picture_settles(page, demo: int, quiet_ms: float = 1500, timeout: float = 10) -> bool:
    """True once player ``demo``'s picture has stayed the same for ``quiet_ms`` (a paused demo)."""
    deadline = time.monotonic() + timeout
    src, since = _image_src(page, demo), time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        now = _image_src(page, demo)
        if now != src:
            src, since = now, time.monotonic()
        elif (time.monotonic() - since) * 1000 >= quiet_ms:
            return True
    return False


# -- saving ----------------------------------------------------------------------------------

_SAVE_JS = """async () => {
  const w = window.jupyterapp.shell.currentWidget;
  await w.context.ready;
  await window.jupyterapp.commands.execute('docmanager:save');
  return {dirty: w.context.model.dirty, path: w.context.path};
}"""


def save_notebook(page, timeout: float = 30) -> dict:
    """Save the current notebook with JupyterLab's own save command (what Ctrl+S runs)."""
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.context.isReady",
                           timeout=timeout * 1000, polling=100)
    return page.evaluate(_SAVE_JS)
