"""The machinery behind every live demo: sliders, a figure that redraws fast, a formula readout.

Why it is built this way (measured on a 2-core machine; docs/benchmarks.md has the figures):

* The figure is made once, without pyplot, and each slider move only updates its artists
  (``set_data``, ``set_offsets``, ``set_array``) and re-renders a PNG into a fixed-size
  ``widgets.Image`` — about half the cost of ``interact`` drawing a new figure every move,
  and nothing leaks into the cell's output.
* Every box has a fixed height, so the page never jumps (no flicker) while you drag.
* Every control has a visible label and works from the keyboard (arrow keys on a slider; Tab to
  *Play* / *Step* / *Reset*, then Space or Enter), and the live picture has a text alternative
  that follows the state (see :data:`A11Y_SCRIPT`).
* A demo never shows a traceback: numpy warnings are silenced inside ``draw`` (each demo detects
  and names divergence itself), and an unexpected error is written in the readout and kept in
  ``demo.errors`` so tests and benchmarks can see it.

A demo is a :class:`Demo` subclass. Its keyword arguments are the initial values of its controls
and ``<name>_range=(lo, hi)`` for their ranges, so a teacher sets up a scenario in one line;
``demo.as_code()`` gives that line back for the current settings.
"""

import base64
import html
import io
import math
import re

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from .. import plots

SLIDER_LAYOUT = {"width": "430px"}
SLIDER_STYLE = {"description_width": "150px"}

DEMO_CLASS = "nn-demo"  # on the demo's outer box
LIVE_IMAGE_CLASS = "nn-live-image"  # on each LiveFigure's image
ALT_TEXT_CLASS = "nn-alt"  # on the hidden box holding the picture's description

#: What ipywidgets 8 cannot say by itself, added in the page by a few lines of JavaScript:
#: a slider's handle (``role="slider"``) has no accessible name, though a visible label sits
#: beside it, and reads its raw position (an exponent on a log slider, ``0.20000000000000018``
#: elsewhere); an ``Image`` has no ``alt`` (and its ``tooltip`` breaks the view in 8.1). So,
#: inside each demo (``.nn-demo``), the script points every handle's ``aria-labelledby`` at its
#: visible label, sets its ``aria-valuetext`` to the readout the learner sees, and copies the
#: demo's description (:meth:`Demo.description`, kept hidden in ``.nn-alt``) into the live
#: image's ``alt``; a MutationObserver keeps that true as controls render and values change.
#: It runs where a trusted widget's HTML runs (JupyterLab, Notebook 7, a page exported with
#: its widget state); elsewhere the controls simply lack these names, as without it.
A11Y_SCRIPT = """(function (marker) {
  var root = marker.closest('.%(demo)s');
  if (!root || root.nnA11y) return;
  root.nnA11y = true;
  function set(el, name, value) { if (el.getAttribute(name) !== value) el.setAttribute(name, value); }
  function apply() {
    root.querySelectorAll('.widget-slider').forEach(function (slider) {
      var label = slider.querySelector('.widget-label');
      var readout = slider.querySelector('.widget-readout');
      slider.querySelectorAll('.noUi-handle').forEach(function (handle) {
        if (label && label.textContent.trim()) {
          if (!label.id) label.id = 'nn-label-' + Math.random().toString(36).slice(2);
          set(handle, 'aria-labelledby', label.id);
        }
        if (readout && readout.textContent.trim()) set(handle, 'aria-valuetext', readout.textContent.trim());
      });
    });
    var alt = root.querySelector('.%(alt)s');
    var text = alt ? alt.textContent.trim() : '';
    root.querySelectorAll('img.%(image)s').forEach(function (img) { set(img, 'alt', text); });
  }
  apply();
  new MutationObserver(apply).observe(root, {childList: true, subtree: true, characterData: true,
                                             attributes: true, attributeFilter: ['aria-valuetext']});
})(this)""" % {"demo": DEMO_CLASS, "alt": ALT_TEXT_CLASS, "image": LIVE_IMAGE_CLASS}


def a11y_helper():
    """A hidden HTML widget that runs :data:`A11Y_SCRIPT` in its demo when it is shown.

    An ``<img>`` whose source cannot load fires ``onerror``: the one way to run a line of
    script from ipywidgets' HTML without a front-end extension (``<script>`` does not run).
    """
    handler = html.escape(" ".join(A11Y_SCRIPT.split()), quote=True)
    return widgets.HTML(f'<img src="data:," alt="" hidden onerror="{handler}">',
                        layout=widgets.Layout(display="none"))


class LiveFigure:
    """A matplotlib figure rendered to PNG into a fixed-size ``widgets.Image``.

    ``fig`` and ``axes`` are ordinary matplotlib objects; call :meth:`render` after changing
    artists. The layout is computed on the first render and then frozen, so later renders skip
    the layout pass and the axes never jump.

    For speed, mark the artists that change from move to move with :meth:`animate`: the rest
    (axes, ticks, labels, text: what costs time) is drawn once and kept as a background, and each
    render pastes it and draws only the moving artists. Call :meth:`invalidate` after changing
    anything static (axis limits, titles).
    """

    def __init__(self, nrows=1, ncols=1, figsize=(7.5, 4.0), dpi=80, **subplot_kw):
        self.dpi = dpi
        with mpl.rc_context(plots.COURSE_RC):
            self.fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
            FigureCanvasAgg(self.fig)
            self.axes = self.fig.subplots(nrows, ncols, subplot_kw=subplot_kw or None)
        width, height = int(figsize[0] * dpi), int(figsize[1] * dpi)
        self.image = widgets.Image(format="png", layout=widgets.Layout(
            width=f"{width}px", height=f"{height}px", object_fit="contain"))
        self.image.add_class(LIVE_IMAGE_CLASS)  # gets the demo's description as alt text
        self._frozen = False
        self.dynamic, self._background = [], None

    def animate(self, *artists):
        """Mark ``artists`` as the ones that change from move to move (drawn on a background)."""
        for artist in artists:
            artist.set_animated(True)
            self.dynamic.append(artist)
        return artists

    def invalidate(self):
        """Redraw everything on the next render (the static part changed)."""
        self._background = None

    def render(self):
        """Draw the figure and put the PNG into ``image``; returns the PNG bytes."""
        canvas = self.fig.canvas
        with mpl.rc_context(plots.COURSE_RC):
            if self._background is None or not self.dynamic:
                canvas.draw()
                if not self._frozen:  # keep the first layout: cheaper renders, steady axes
                    self.fig.set_layout_engine("none")
                    self._frozen = True
                if self.dynamic:
                    self._background = canvas.copy_from_bbox(self.fig.bbox)
            else:
                canvas.restore_region(self._background)
            for artist in sorted(self.dynamic, key=lambda a: a.get_zorder()):
                self.fig.draw_artist(artist)
        # Encoding the drawn buffer ourselves (fast zlib level) costs about half of savefig.
        rgba = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(),
                                "raw", "RGBA", 0, 1)
        buf = io.BytesIO()
        rgba.convert("RGB").save(buf, format="png", compress_level=1)
        self.image.value = buf.getvalue()
        return self.image.value


def float_slider(description, value, lo, hi, step, unit="", fmt=".2f"):
    """A float slider with the course's look; ``unit`` is appended to the description."""
    return widgets.FloatSlider(
        value=float(np.clip(value, lo, hi)), min=lo, max=hi, step=step,
        description=_with_unit(description, unit), readout_format=fmt,
        continuous_update=True, layout=widgets.Layout(**SLIDER_LAYOUT), style=SLIDER_STYLE)


def log_slider(description, value, lo, hi, unit="", fmt=".3g", steps_per_decade=20):
    """A slider moving on a log scale between ``lo`` and ``hi`` (both > 0): learning rates."""
    a, b = math.log10(lo), math.log10(hi)
    return widgets.FloatLogSlider(
        value=float(np.clip(value, lo, hi)), base=10, min=a, max=b, step=1 / steps_per_decade,
        description=_with_unit(description, unit), readout_format=fmt,
        continuous_update=True, layout=widgets.Layout(**SLIDER_LAYOUT), style=SLIDER_STYLE)


def int_slider(description, value, lo, hi, step=1, unit=""):
    """An integer slider (epochs, hidden units, steps) with the course's look."""
    return widgets.IntSlider(
        value=int(np.clip(value, lo, hi)), min=lo, max=hi, step=step,
        description=_with_unit(description, unit), continuous_update=True,
        layout=widgets.Layout(**SLIDER_LAYOUT), style=SLIDER_STYLE)


def _with_unit(description, unit):
    return f"{description} ({unit})" if unit else description


def readout(height="5em", width="auto"):
    """A fixed-height box for text and LaTeX (``$...$``) that changes with the controls."""
    return widgets.HTMLMath(layout=widgets.Layout(height=height, width=width,
                                                  overflow="hidden"))


class Player:
    """Play / step / reset controls for anything that advances one step at a time.

    ``on_step()`` is called for each step (a click on *Step*, or each tick of *Play*, which runs
    in the browser every ``interval`` ms); ``on_reset()`` for *Reset*. In tests call
    ``player.step()`` and ``player.reset()``.

    The clock is a ``widgets.Play`` (``player.play``; ``player.play.playing`` starts and stops
    it), kept hidden: its own buttons are bare icons with no name a screen reader could read.
    What the learner sees and reaches with Tab is a *Play* toggle button (``play_button``,
    showing *Pause* while playing) linked to ``play.playing``, then *Step* and *Reset*; each
    works with Space or Enter.
    """

    def __init__(self, on_step, on_reset, interval=150, max_steps=500):
        self._on_step, self._on_reset = on_step, on_reset
        self.play = widgets.Play(value=0, min=0, max=max_steps, interval=interval,
                                 description="Play", show_repeat=False,
                                 layout=widgets.Layout(display="none"))
        self.play_button = widgets.ToggleButton(
            value=False, description="Play", icon="play", layout=widgets.Layout(width="90px"),
            tooltip=f"Play: one step every {interval} ms (press again to pause)")
        self.step_button = widgets.Button(description="Step", icon="step-forward",
                                          tooltip="Step: one step", layout=widgets.Layout(width="90px"))
        self.reset_button = widgets.Button(description="Reset", icon="undo",
                                           tooltip="Reset: back to the start",
                                           layout=widgets.Layout(width="90px"))
        # a link in the kernel (not jslink), so that tests and the kernel see one state
        self._link = widgets.link((self.play_button, "value"), (self.play, "playing"))
        self.play_button.observe(self._show_playing, names="value")
        self.play.observe(self._tick, names="value")
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())
        self.box = widgets.HBox([self.play_button, self.step_button, self.reset_button, self.play])

    def _show_playing(self, change):
        playing = bool(change["new"])
        self.play_button.description = "Pause" if playing else "Play"
        self.play_button.icon = "pause" if playing else "play"

    def _tick(self, change):
        if change["new"] > change["old"]:
            self.step()

    def step(self):
        self._on_step()

    def reset(self):
        self.play.playing = False
        self.play.value = 0  # moving back does not step
        self._on_reset()


class Demo:
    """Base of every live demo: controls → ``draw()`` → figure and readout.

    Subclasses create their controls with :meth:`add_control` (or the ``add_float``,
    ``add_log`` and ``add_int`` shortcuts, which read ``<name>`` and ``<name>_range`` from the presets), build
    ``self.figure`` (a :class:`LiveFigure`) with its artists, and implement ``draw()``, which
    reads ``self.value(name)`` and updates artists and ``self.readout.value``. Finish
    ``__init__`` with ``self.update()``.
    """

    height = "auto"

    def __init__(self, **presets):
        self.presets = dict(presets)
        self.controls = {}
        self.readout = readout()
        self.code_line = widgets.HTML(layout=widgets.Layout(height="1.8em", overflow="hidden"))
        # the picture's text alternative, kept in the page (hidden) and copied to the image's alt
        self.alt_text = widgets.HTML(layout=widgets.Layout(display="none"))
        self.alt_text.add_class(ALT_TEXT_CLASS)
        self.errors = []
        self.figure = None
        self._holding = False
        self._widget = None
        self._extra = []

    # -- controls -------------------------------------------------------------------
    def add_control(self, name, widget):
        """Register ``widget`` as control ``name``: moving it redraws the demo."""
        self.controls[name] = widget
        widget.observe(self._on_change, names="value")
        return widget

    def _preset(self, name, value, lo, hi):
        lo, hi = self.presets.get(f"{name}_range", (lo, hi))
        return self.presets.get(name, value), lo, hi

    def add_float(self, name, description, value, lo, hi, step, unit="", fmt=".2f"):
        value, lo, hi = self._preset(name, value, lo, hi)
        return self.add_control(name, float_slider(description, value, lo, hi, step, unit, fmt))

    def add_log(self, name, description, value, lo, hi, unit="", fmt=".3g"):
        value, lo, hi = self._preset(name, value, lo, hi)
        return self.add_control(name, log_slider(description, value, lo, hi, unit, fmt))

    def add_int(self, name, description, value, lo, hi, step=1, unit=""):
        value, lo, hi = self._preset(name, value, lo, hi)
        return self.add_control(name, int_slider(description, value, lo, hi, step, unit))

    def advance(self, name="step"):
        """Move slider ``name`` one notch on (Step, and each tick of Play); at its end, Play stops."""
        slider = self.controls[name]
        if slider.value < slider.max:
            slider.value += 1
        elif getattr(self, "player", None) is not None:
            self.player.play.playing = False

    def rewind(self, name="step"):
        """Move slider ``name`` back to its start (Reset)."""
        self.controls[name].value = self.controls[name].min

    def value(self, name):
        """The current value of control ``name``."""
        return self.controls[name].value

    def set(self, **values):
        """Set several controls at once with a single redraw."""
        self._holding = True
        try:
            for name, v in values.items():
                self.controls[name].value = v
        finally:
            self._holding = False
        self.update()

    def _on_change(self, change):
        if not self._holding:
            self.update()

    # -- drawing --------------------------------------------------------------------
    def draw(self):
        """Update artists and readout from the controls (subclasses)."""
        raise NotImplementedError

    def update(self):
        """Redraw: ``draw()`` with numpy warnings silenced, then render; never raises."""
        try:
            with np.errstate(all="ignore"):
                self.draw()
        except Exception as exc:  # a demo must never show a traceback; tests read errors
            self.errors.append(exc)
            self.readout.value = f"<b>Could not draw this setting</b> ({type(exc).__name__}: {exc})"
        self.code_line.value = f"<code>{self.as_code()}</code>"
        if self.figure is not None:
            self.figure.render()
        self.alt_text.value = html.escape(self._safe_description())

    def _safe_description(self):
        try:
            return self.description()
        except Exception as exc:  # a subclass's description must not break the demo either
            self.errors.append(exc)
            return plain_text(self.readout.value)

    # -- presets and display --------------------------------------------------------
    def as_code(self):
        """One line that recreates this demo with its current settings (for a teacher)."""
        fixed = [f"{k}={_short(v)}" for k, v in self.presets.items()
                 if k not in self.controls and not k.endswith("_range")]
        values = [f"{name}={_short(w.value)}" for name, w in self.controls.items()
                  if isinstance(w.value, (int, float, str, bool))]
        ranges = [f"{k}={_short(v)}" for k, v in self.presets.items() if k.endswith("_range")]
        return f"{type(self).__module__}.{type(self).__name__}({', '.join(fixed + values + ranges)})"

    def layout(self):
        """The widget tree; subclasses may override to arrange controls differently."""
        controls = widgets.VBox(list(self.controls.values()) + self._extra)
        return widgets.VBox([controls, self.figure.image, self.readout, self.code_line],
                            layout=widgets.Layout(height=self.height))

    @property
    def widget(self):
        """The demo's widget tree (:meth:`layout`), plus the hidden alt text and the script
        that names its controls and picture for assistive technology (:data:`A11Y_SCRIPT`)."""
        if self._widget is None:
            box = self.layout()
            box.add_class(DEMO_CLASS)
            box.children = tuple(box.children) + (self.alt_text, a11y_helper())
            self._widget = box
        return self._widget

    def description(self):
        """What the picture shows now, in words: the readout as plain text.

        It is the text alternative of the picture, and what a reader sees where no kernel runs.
        """
        return plain_text(self.readout.value)

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, plus its picture and readout for places that cannot run it.

        JupyterLab shows the widget. Where no kernel drives it (GitHub, nbviewer, an exported
        page or slide, a notebook opened but not yet run), the stored picture of the current
        state stands in, with the readout's numbers under it and as its alt text.
        """
        bundle = self.widget._repr_mimebundle_(**kwargs)
        words = self.description()
        name = type(self).__name__
        if self.figure is not None and self.figure.image.value:
            png = base64.b64encode(self.figure.image.value).decode("ascii")
            bundle["image/png"] = png
            bundle["text/html"] = (
                f'<figure><img src="data:image/png;base64,{png}" alt="{html.escape(words)}">'
                f"<figcaption>{self.readout.value}<br><i>A live demo ({name}): run the cell "
                f"to move its controls.</i></figcaption></figure>")
        bundle["text/plain"] = f"Live demo {name}: {words} (run the cell to use its controls)"
        return bundle

    def __repr__(self):
        return f"<{self.as_code()}>"


def plain_text(markup):
    """HTML readout → one line of plain text (tags dropped, entities decoded, maths ``$...$``
    spelt with Unicode by :func:`nnlib.plots.plain_math`, spaces folded)."""
    text = re.sub(r"<br\s*/?>|</p>|</li>|</tr>", "; ", markup)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    text = plots.plain_math(text)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"(;\s*)+", "; ", text).strip(" ;")


def _short(v):
    """A value written the way a person would type it (no float noise, no np.float64)."""
    if isinstance(v, (bool, str)):
        return repr(v)
    if isinstance(v, tuple):
        return "(" + ", ".join(_short(x) for x in v) + ")"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return f"{float(v):.4g}"
