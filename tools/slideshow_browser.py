"""Present a notebook as a live slideshow (jupyterlab-slideshow) in headless Chromium, and
measure what each slide shows. Used by tests/test_slideshow.py; builds on tools/jupyter_browser.py.

    with JupyterLabServer(root) as lab, Browser() as browser:
        page = browser.new_page(*slide_style.SCREEN)
        open_notebook(page, lab, "notebooks/01_perceptron.ipynb", "w")
        run_all_cells(page, lab)
        start_slideshow(page)                 # Alt+R, as README "For teachers" says
        fonts = figure_fonts(page)            # the kernel's figure font sizes, per live demo
        while True:
            slide = measure_slide(page, fonts)   # fonts, words, figures, overflow of this slide
            if not next_slide(page):             # Space
                break
        leave_slideshow(page)                 # Esc

A "slide" here is what the deck shows after one press of Space: a slide, a sub-slide or a
fragment (a fragment's slide shows the cells before it too). The measures follow the targets in
tools/slide_style.py; `MEASURE_JS` is shared with the static deck's check (tools/build_slides.py
pages in reveal.js), so both decks are measured the same way.
"""

from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import editions  # noqa: E402
import slide_style  # noqa: E402

#: Playwright's name of slide_style.START_KEY ("Alt R" in JupyterLab's spelling)
START_KEY = "+".join(slide_style.START_KEY.split()[:-1] + [slide_style.START_KEY.split()[-1].lower()])
LEAVE_KEY = "Escape"
NEXT_KEY = "Space"
DEMO_TAG = "nbval-ignore-output"  # only live demo cells carry it (see the brief / CONTRIBUTING)


def overrides_path(prefix: str | None = None) -> Path:
    """Where JupyterLab reads the environment's default settings (`make lab` writes it)."""
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def environment_problems(prefix: str | None = None) -> list[str]:
    """What keeps this environment from presenting as the README says ([] when ready)."""
    from importlib import metadata

    problems = []
    try:
        metadata.version("jupyterlab-slideshow")
    except metadata.PackageNotFoundError:
        problems.append("jupyterlab-slideshow is not installed (requirements.txt)")
    path = overrides_path(prefix)
    try:
        installed = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        installed = None
    if installed != slide_style.lab_overrides():
        problems.append(f"{path} is not what tools/slide_style.py writes (run `make lab`)")
    return problems


# -- the deck ---------------------------------------------------------------------------------

_FOCUS_CELL_JS = """() => {
  // what a click on the notebook does: command mode, the focus on the active cell
  const nb = window.jupyterapp.shell.currentWidget.content;
  nb.mode = 'command';
  if (nb.activeCell) nb.activeCell.node.focus();
  return nb.activeCellIndex;
}"""

_PRESENTING_JS = """(on) => (document.body.dataset.jpDeckMode === 'presenting') === on
  && (!on || window.jupyterapp.shell.currentWidget.hasClass('jp-Deck'))"""

_STATE_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const nb = panel.content;
  const idx = [];
  nb.widgets.forEach((c, i) => {
    if (c.hasClass('jp-deck-mod-onscreen') && c.hasClass('jp-deck-mod-visible')) idx.push(i);
  });
  return {active: nb.activeCellIndex, visible: idx,
          presenting: document.body.dataset.jpDeckMode === 'presenting'};
}"""


def focus_notebook(page) -> int:
    """Put the notebook in command mode with the focus on its active cell (a click on it)."""
    return page.evaluate(_FOCUS_CELL_JS)


def start_slideshow(page, first_cell: int | None = 0, timeout: float = 20) -> dict:
    """Press START_KEY on the notebook (from cell `first_cell`) and wait for the deck."""
    if first_cell is not None:
        page.evaluate("(i) => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = i; }",
                      first_cell)
    focus_notebook(page)
    page.keyboard.press(START_KEY)
    page.wait_for_function(_PRESENTING_JS, arg=True, timeout=timeout * 1000, polling=100)
    page.wait_for_timeout(600)  # the deck lays the slide out, then re-styles once
    return slide_state(page)


def leave_slideshow(page, timeout: float = 20) -> None:
    """Press LEAVE_KEY with the focus on the slide, and wait until the deck is gone."""
    focus_notebook(page)
    page.keyboard.press(LEAVE_KEY)
    page.wait_for_function(_PRESENTING_JS, arg=False, timeout=timeout * 1000, polling=100)


def slide_state(page) -> dict:
    """{"active": active cell index, "visible": indices of the cells shown, "presenting"}."""
    return page.evaluate(_STATE_JS)


_AT_END_JS = """() => ['forward', 'down'].every(d => !!document.querySelector(
  `.jp-Deck-Remote .jp-deck-mod-direction-${d}.jp-mod-disabled`))"""


def next_slide(page, settle_ms: int = 250, timeout: float = 10) -> bool:
    """Press NEXT_KEY (Space) on the slide; False when the deck is at its end (its remote's
    forward and down buttons are off)."""
    before = focus_notebook(page)
    if page.evaluate(_AT_END_JS):
        return False
    page.keyboard.press(NEXT_KEY)
    try:
        page.wait_for_function(
            "(b) => window.jupyterapp.shell.currentWidget.content.activeCellIndex !== b",
            arg=before, timeout=timeout * 1000, polling=50)
    except Exception:  # playwright's TimeoutError: the deck did not move
        return False
    page.wait_for_timeout(settle_ms)
    return True


def demo_cells(page) -> list[int]:
    """Indices of the live demo cells (tagged DEMO_TAG)."""
    return page.evaluate("""(tag) => {
      const out = [];
      window.jupyterapp.shell.currentWidget.content.widgets.forEach((c, i) => {
        if ((c.model.getMetadata('tags') || []).includes(tag)) out.push(i);
      });
      return out;
    }""", DEMO_TAG)


def sliders_in_cell(page, jb, cell: int) -> list[dict]:
    """The sliders of cell `cell` (as jupyter_browser.find_sliders describes them)."""
    every = jb.find_sliders(page)
    inside = set(page.evaluate("""(i) => {
      const cell = window.jupyterapp.shell.currentWidget.content.widgets[i];
      return Array.from(cell.node.querySelectorAll('[data-nn-slider]'))
        .map(h => Number(h.getAttribute('data-nn-slider')));
    }""", cell))
    return [s for s in every if s["index"] in inside and s["images"]]


# -- the kernel's figure fonts ----------------------------------------------------------------

def figure_sizes(fig):
    """The font sizes of matplotlib figure `fig`: "axis_pt", its smallest tick or axis label
    (nnlib.plots.smallest_label_pt), and "text_pt", its smallest text of any kind (legends,
    titles, annotations), in points; with "dpi" and "width_in", the figure's resolution and width
    (its PNG is dpi x width_in pixels wide). A label's size as shown on a slide is then
    axis_pt x dpi/72 x shown/natural width. (Also sent to the notebook's kernel.)"""
    from nnlib.plots import smallest_label_pt

    def shown(t):
        return t.get_visible() and t.get_text().strip() != ""

    axis, other = smallest_label_pt(fig), []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for t in [ax.title, ax._left_title, ax._right_title] + list(ax.texts):
            if shown(t):
                other.append(t.get_fontsize())
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            other += [t.get_fontsize() for t in legend.get_texts() if shown(t)]
    other += [t.get_fontsize() for t in fig.texts if shown(t)]
    every = other + ([] if axis is None else [axis])
    return {"axis_pt": axis, "text_pt": min(every, default=None),
            "dpi": float(fig.dpi), "width_in": float(fig.get_figwidth())}


def demo_classes():
    """Every live demo class of nnlib.widgets, by name."""
    import importlib
    import inspect
    import pkgutil

    import nnlib.widgets
    from nnlib.widgets.core import Demo

    found = {}
    for info in pkgutil.iter_modules(nnlib.widgets.__path__):
        module = importlib.import_module(f"nnlib.widgets.{info.name}")
        for name, obj in vars(module).items():
            if (inspect.isclass(obj) and issubclass(obj, Demo) and obj.__module__ == module.__name__
                    and not name.startswith("_")):
                found[name] = obj
    return found


def demo_sizes(names):
    """figure_sizes of a default instance of each demo class named (for stored pictures,
    where no kernel holds the demo: its fonts do not depend on its settings)."""
    classes = demo_classes()
    out = {}
    for name in sorted(set(names)):
        demo = classes[name]()
        out[name] = dict(figure_sizes(demo.figure.fig), name=name)
    return out


#: Run silently in the notebook's kernel (no cell, no history): figure_sizes of every live
#: demo's figure, keyed by the model id of the demo's widget (what its cell output names).
#: (A static figure carries its own label size: nnlib.plots.figure_html's data-label-px.)
FONTS_CODE = (inspect.getsource(figure_sizes) + r"""
def _nn_fonts():
    import gc, json
    from nnlib.widgets.core import Demo
    demos = {}
    for obj in gc.get_objects():
        if isinstance(obj, Demo) and obj._widget is not None and obj.figure is not None:
            demos[obj._widget.model_id] = dict(figure_sizes(obj.figure.fig), name=type(obj).__name__)
    print(json.dumps({"demos": demos}))
_nn_fonts()
del _nn_fonts, figure_sizes
""")

_KERNEL_RUN_JS = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  let text = '', error = null;
  future.onIOPub = (msg) => {
    const t = msg.header.msg_type;
    if (t === 'stream') text += msg.content.text;
    if (t === 'error') error = msg.content.ename + ': ' + msg.content.evalue;
  };
  await future.done;
  return {text, error};
}"""


def figure_fonts(page) -> dict:
    """FONTS_CODE's answer: {"demos": {model_id: sizes}}."""
    reply = page.evaluate(_KERNEL_RUN_JS, FONTS_CODE)
    if reply["error"]:
        raise RuntimeError(f"measuring the figure fonts failed in the kernel: {reply['error']}")
    return json.loads(reply["text"].strip().splitlines()[-1])


_DEMO_MODELS_JS = """(tag) => {
  // cell index -> model id of the live demo it displays (its widget-view output)
  const out = {};
  window.jupyterapp.shell.currentWidget.content.widgets.forEach((c, i) => {
    if (c.model.type !== 'code') return;
    for (let k = 0; k < c.model.outputs.length; k++) {
      const data = c.model.outputs.get(k).data || {};
      const view = data['application/vnd.jupyter.widget-view+json'];
      if (view) out[i] = view.model_id;
    }
  });
  return out;
}"""


# -- measuring one slide ----------------------------------------------------------------------

#: In the page: measure the slide now shown. `args.parts` are its parts: {node, fonts, demo,
#: later} for each cell on the deck's screen (`later`: a fragment not shown yet, which takes its
#: place but is not read), or reveal.js's present section; `fonts` are the FONTS_CODE sizes of a
#: live demo's figure, `args.demoFonts` those of a
#: stored demo picture (static deck: <figure data-nn-demo="Class">). Returns the smallest body
#: and code text, the prose word count, every figure's share of the width and label sizes as
#: shown, and whether anything runs off the screen.
MEASURE_JS = r"""(args) => {
  const W = window.innerWidth, H = window.innerHeight;
  const scale = args.scale || 1;  // reveal.js scales its slides to the window
  const parts = args.parts;
  const CODE = '.cm-editor, pre, code, kbd, samp, .jp-RenderedText, .highlight';
  const SKIP = '.jp-InputPrompt, .jp-OutputPrompt, .jp-Collapser, mjx-assistive-mml, '
             + '.MJX_Assistive_MathML, script, style, .nn-a11y';
  const visible = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
      && el.getBoundingClientRect().width > 0;
  const short = (s) => s.replace(/\s+/g, ' ').trim().slice(0, 50);
  let body = {px: Infinity, text: ''}, code = {px: Infinity, text: ''};
  const note = (slot, px, text) => { if (px < slot.px) { slot.px = px; slot.text = short(text); } };
  let words = 0;
  const figures = [];
  let overflowX = false, bottom = 0, top = Infinity;
  const wide = [];
  parts.forEach((part, p) => {
    const root = part.node;
    const r = root.getBoundingClientRect();
    if (r.height > 0) { top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom); }
    if (part.later) return;  // a fragment still to come: it takes its place, shows nothing yet
    // text: every visible text node, by its element's computed font size
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.nodeValue.trim()) continue;
      const el = n.parentElement;
      if (!el || el.closest(SKIP) || el.closest('mjx-container, .MathJax, .MathJax_CHTML')) continue;
      if (!visible(el)) continue;
      const px = parseFloat(getComputedStyle(el).fontSize) * scale;
      note(el.closest(CODE) ? code : body, px, n.nodeValue);
    }
    // formulas: typeset by MathJax, drawn without text nodes; their size is the container's
    root.querySelectorAll('mjx-container, .MathJax_CHTML, .MathJax').forEach((m) => {
      if (m.parentElement && m.parentElement.closest('mjx-container, .MathJax_CHTML, .MathJax')) return;
      if (!visible(m)) return;
      note(body, parseFloat(getComputedStyle(m).fontSize) * scale, m.textContent || 'formula');
    });
    // prose words: the markdown shown, without code blocks; a formula counts as one word
    root.querySelectorAll('.jp-RenderedMarkdown, .jp-MarkdownOutput, .text_cell_render').forEach((md) => {
      if (!visible(md)) return;
      const copy = md.cloneNode(true);
      // (MathJax 2 puts a preview beside each typeset formula: one formula, not two)
      copy.querySelectorAll('pre, script, style, mjx-assistive-mml, .MJX_Assistive_MathML, .MathJax_Preview')
        .forEach(e => e.remove());
      copy.querySelectorAll('mjx-container, .MathJax_CHTML, .MathJax')
        .forEach(e => e.replaceWith(' formula '));
      copy.querySelectorAll('details:not([open])').forEach((d) => {
        Array.from(d.childNodes).forEach(c => { if (!(c.tagName === 'SUMMARY')) c.remove(); });
      });
      words += (copy.textContent.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,-]*/gu) || []).length;
    });
    // figures
    root.querySelectorAll('img').forEach((img) => {
      if (!img.naturalWidth || img.naturalWidth < args.figureMin || !visible(img)) return;
      const b = img.getBoundingClientRect();
      const fit = getComputedStyle(img).objectFit;
      let shownW = b.width;
      if (fit === 'contain' || fit === 'scale-down') {
        shownW = img.naturalWidth * Math.min(b.width / img.naturalWidth, b.height / img.naturalHeight);
      }
      shownW *= scale;
      const still = img.closest('[data-nn-demo]');  // a demo's stored picture (static deck)
      const live = img.classList.contains('nn-live-image') || part.demo;
      const f = still ? (args.demoFonts || {})[still.dataset.nnDemo] || null : live ? part.fonts : null;
      const px = (pt) => (pt == null || !f) ? null
          : pt * f.dpi / 72 * shownW / img.naturalWidth;
      // a static figure says its smallest label's size in its PNG's pixels (nnlib.plots.figure_html)
      const own = img.dataset.labelPx ? parseFloat(img.dataset.labelPx) * shownW / img.naturalWidth : null;
      figures.push({share: shownW / W, width: Math.round(shownW), natural: img.naturalWidth,
                    axis_px: f ? px(f.axis_pt) : own, text_px: px(f && f.text_pt),
                    name: (f && f.name) || 'figure', alt: short(img.alt || '')});
      if (b.right > W + 1 || b.left < -1) { overflowX = true; wide.push('img'); }
    });
    // anything wider than the screen, or a scroll bar inside the slide
    // (a control's label or a readout cut off with "…" counts too)
    root.querySelectorAll('.cm-scroller, pre, .jp-OutputArea-output, table, .widget-box, '
                          + '.widget-label, .widget-label-basic, .widget-readout').forEach((el) => {
      if (!visible(el)) return;
      const b = el.getBoundingClientRect();
      if (b.right * scale > W + 1 || el.scrollWidth > el.clientWidth + 2) {
        overflowX = true;
        wide.push(`${el.tagName.toLowerCase()}.${Array.from(el.classList).slice(0, 2).join('.')}`
                  + ` ${el.scrollWidth}>${el.clientWidth}`);
      }
    });
  });
  const scroller = args.scroller ? document.querySelector(args.scroller) : null;
  const overflowY = bottom > H + 1 || top < -1
      || (!!scroller && scroller.scrollHeight > scroller.clientHeight + 2);
  const height = Math.max(bottom - top, scroller ? scroller.scrollHeight * scale : 0);
  return {body_px: body.px === Infinity ? null : body.px, body_text: body.text,
          code_px: code.px === Infinity ? null : code.px, code_text: code.text,
          words, figures, overflow_x: overflowX, wide: wide.slice(0, 3), overflow_y: overflowY,
          top: Math.round(top), bottom: Math.round(bottom), height: Math.round(height)};
}"""

_DECK_PARTS_JS = """(args) => {
  // the deck's visible cells, each with the fonts of the live demo it shows (if any)
  window.__nnParts = [];
  const nb = window.jupyterapp.shell.currentWidget.content;
  nb.widgets.forEach((c, i) => {
    if (!c.hasClass('jp-deck-mod-onscreen')) return;
    const model = args.models[i];
    window.__nnParts.push({node: c.node, index: i, demo: !!model,
                           later: !c.hasClass('jp-deck-mod-visible'),
                           fonts: model ? (args.fonts.demos[model] || null) : null,
                           solution: (c.model.getMetadata('tags') || []).includes(args.tag)
                                     || Array.from(c.node.querySelectorAll('details > summary'))
                                          .some(s => s.textContent.trim() === args.summary)});
  });
  return window.__nnParts.filter(p => !p.later).map(p => ({index: p.index, solution: p.solution}));
}"""


def measure_slide(page, fonts: dict, models: dict | None = None) -> dict:
    """Measure the deck's current slide (see MEASURE_JS); adds "cells" (indices shown) and
    "solutions" (indices of worked-solution cells shown, which must stay empty)."""
    if models is None:
        models = page.evaluate(_DEMO_MODELS_JS, DEMO_TAG)
    parts = page.evaluate(_DECK_PARTS_JS, {"models": {str(k): v for k, v in models.items()},
                                           "fonts": fonts, "tag": editions.SOLUTION_TAG,
                                           "summary": editions.SHOW_SOLUTION})
    result = page.evaluate(
        "(a) => (" + MEASURE_JS + ")(Object.assign(a, {parts: window.__nnParts}))",
        {"figureMin": slide_style.FIGURE_MIN_NATURAL, "scroller": None})
    result["cells"] = [p["index"] for p in parts]
    result["solutions"] = [p["index"] for p in parts if p["solution"]]
    return result


def demo_models(page) -> dict:
    """Cell index -> model id of the live demo each demo cell displays."""
    return {int(k): v for k, v in page.evaluate(_DEMO_MODELS_JS, DEMO_TAG).items()}


def problems(slide: dict) -> list[str]:
    """What on a measured slide misses a target of tools/slide_style.py ([] when none)."""
    out = []
    if slide["body_px"] is not None and slide["body_px"] < slide_style.BODY_PX - 0.01:
        out.append(f"body text {slide['body_px']:.1f} px < {slide_style.BODY_PX} "
                   f"({slide['body_text']!r})")
    if slide["code_px"] is not None and slide["code_px"] < slide_style.CODE_PX - 0.01:
        out.append(f"code {slide['code_px']:.1f} px < {slide_style.CODE_PX} ({slide['code_text']!r})")
    if slide["words"] > slide_style.MAX_WORDS:
        out.append(f"{slide['words']} words of prose > {slide_style.MAX_WORDS}")
    for fig in slide["figures"]:
        if fig["share"] < slide_style.FIGURE_SHARE - 0.005:
            out.append(f"{fig['name']} {fig['width']} px wide = {100 * fig['share']:.0f} % "
                       f"< {100 * slide_style.FIGURE_SHARE:.0f} % of the slide")
        if fig["axis_px"] is None:
            out.append(f"{fig['name']}: font sizes unknown")
        elif fig["axis_px"] < slide_style.LABEL_PX - 0.01:
            out.append(f"{fig['name']} axis labels {fig['axis_px']:.1f} px < {slide_style.LABEL_PX}")
    if slide["overflow_y"]:
        out.append(f"taller than the screen ({slide['height']} px of content for "
                   f"{slide_style.SCREEN[1]})")
    if slide["overflow_x"]:
        out.append(f"wider than the screen or scrolls sideways: {', '.join(slide.get('wide', []))}")
    if slide.get("solutions"):
        out.append(f"a worked solution is shown (cells {slide['solutions']})")
    return out


# -- the static deck (tools/build_slides.py: reveal.js) -----------------------------------------

_REVEAL_READY_JS = """() => {
  if (!(window.Reveal && Reveal.isReady && Reveal.isReady())) return false;
  if (!(window.MathJax && MathJax.Hub)) return true;
  if (window.__nnTypeset === undefined) {
    window.__nnTypeset = false;
    MathJax.Hub.Queue(() => { window.__nnTypeset = true; });
  }
  return window.__nnTypeset;
}"""

_REVEAL_SLIDES_JS = """() => Reveal.getHorizontalSlides().map(h => {
  const inner = h.querySelectorAll(':scope > section');
  return inner.length ? inner.length : 1;
})"""

_REVEAL_GO_JS = """async ([h, v]) => {
  Reveal.configure({transition: 'none', backgroundTransition: 'none'});  // measure it at rest
  Reveal.slide(h, v);
  while (Reveal.nextFragment()) {}   // the whole slide, every fragment shown
  window.__nnTypeset = false;
  if (window.MathJax && MathJax.Hub) MathJax.Hub.Queue(() => { window.__nnTypeset = true; });
  else window.__nnTypeset = true;
  const section = document.querySelector('.reveal .slides section.present:not(.stack)');
  window.__nnParts = [{node: section, index: 0, demo: false, fonts: null}];
  return {id: section.id || '', text: section.innerText.trim().split('\\n')[0].slice(0, 60),
          solution: Array.from(section.querySelectorAll('details > summary'))
                      .some(s => s.textContent.trim() === window.__nnSummary)};
}"""


_IMAGES_READY_JS = """() => Array.from(document.querySelectorAll(
  '.reveal .slides section.present img')).every(img => img.complete)"""

#: Wait until the slide's height holds still (MathJax's fonts can grow a formula after its
#: typesetting is queued), then centre it again.
_SETTLE_AND_CENTRE_JS = """async () => {
  const slide = document.querySelector('.reveal .slides section.present:not(.stack)');
  let last = -1;
  for (let i = 0; i < 40 && slide.scrollHeight !== last; i++) {
    last = slide.scrollHeight;
    await new Promise((done) => setTimeout(done, 150));
  }
  Reveal.layout();
}"""


def measure_reveal(page, html: Path, demo_fonts: dict, timeout: float = 60) -> list[dict]:
    """Open a static deck (an .slides.html of tools/build_slides.py) and measure each slide
    (MEASURE_JS) with all its fragments shown. `demo_fonts`: demo_sizes of the demos whose
    stored pictures it shows."""
    page.goto(Path(html).resolve().as_uri(), wait_until="load", timeout=timeout * 1000)
    page.wait_for_function(_REVEAL_READY_JS, timeout=timeout * 1000, polling=100)
    page.evaluate("(s) => { window.__nnSummary = s; }", editions.SHOW_SOLUTION)
    slides = []
    for h, count in enumerate(page.evaluate(_REVEAL_SLIDES_JS)):
        for v in range(count):
            info = page.evaluate(_REVEAL_GO_JS, [h, v])
            page.wait_for_function("() => window.__nnTypeset === true", timeout=timeout * 1000)
            # its pictures decoded (a presenter reaches a slide long after the page loaded them),
            # then centre the slide again, as the deck's template does once formulas are typeset
            page.wait_for_function(_IMAGES_READY_JS, timeout=timeout * 1000, polling=50)
            page.evaluate(_SETTLE_AND_CENTRE_JS)
            page.wait_for_timeout(100)
            result = page.evaluate(
                "(a) => (" + MEASURE_JS + ")(Object.assign(a, {parts: window.__nnParts, "
                "scale: Reveal.getScale()}))",
                {"figureMin": slide_style.FIGURE_MIN_NATURAL,
                 "demoFonts": demo_fonts,
                 "scroller": ".reveal .slides section.present:not(.stack)"})
            result.update(slide=f"{h + 1}.{v + 1}" if count > 1 else f"{h + 1}",
                          title=info["text"], solutions=[0] if info["solution"] else [])
            result["problems"] = problems(result)
            slides.append(result)
    return slides


# -- what a check prints --------------------------------------------------------------------------

#: One line per deck checked goes to a file here (summary-<notebook>-<deck>.txt), which
#: tests/conftest.py prints at the end of the run (also under pytest-xdist, whose workers'
#: prints are not shown).
SUMMARIES = Path(__file__).resolve().parents[1] / "test-artifacts" / "slideshow"


def summarise(name: str, deck: str, slides: list[dict]) -> str:
    """One line about a measured deck: its smallest text and figure labels, its narrowest
    figure, its wordiest slide ("where": the slide's place), and how many slides miss the word
    and overflow targets."""
    def least(values, unit, fmt=".1f"):
        values = [v for v in values if v is not None]
        return f"{min(values):{fmt}} {unit}" if values else "-"
    figures = [f for s in slides for f in s["figures"]]
    wordy = max(slides, key=lambda s: s["words"]) if slides else {"words": 0, "where": "-"}
    over = sum(1 for s in slides if s["words"] > slide_style.MAX_WORDS)
    spill = sum(1 for s in slides if s["overflow_y"] or s["overflow_x"])
    return (f"{name} ({deck}): {len(slides)} slides; smallest body text "
            f"{least([s['body_px'] for s in slides], 'px')}, code "
            f"{least([s['code_px'] for s in slides], 'px')}, figure labels "
            f"{least([f['axis_px'] for f in figures], 'px')}; narrowest figure "
            f"{least([100 * f['share'] for f in figures], '%', '.0f')}; most words "
            f"{wordy['words']} ({wordy['where']}); {over} slides over {slide_style.MAX_WORDS} "
            f"words, {spill} overflowing")


def report(name: str, kind: str, line: str) -> str:
    """Write `line` (about notebook `name`) where tests/conftest.py finds it; returns it."""
    SUMMARIES.mkdir(parents=True, exist_ok=True)
    (SUMMARIES / f"summary-{Path(name).stem}-{kind}.txt").write_text(line + "\n", encoding="utf-8")
    return line


def deck_failures(name: str, deck: str, slides: list[dict]) -> list[str]:
    """Report the deck's summary line (see report), and return one line per slide that misses
    a target (each slide's "where" names it)."""
    print(report(name, deck, summarise(name, deck, slides)))
    return [f"{s['where']} {s['title']!r}: {'; '.join(s['problems'])}"
            for s in slides if s["problems"]]
