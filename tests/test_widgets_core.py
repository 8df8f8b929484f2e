"""The live-demo machinery: controls redraw, presets, as_code, no tracebacks."""

import html

import numpy as np
import pytest

from nnlib.widgets import core


class ParabolaDemo(core.Demo):
    """A minimal demo: a point on y = a x² moved by two sliders."""

    def __init__(self, **presets):
        super().__init__(**presets)
        self.add_float("x", "x", 1.0, -2.0, 2.0, 0.1)
        self.add_log("a", "a", 1.0, 0.01, 100.0)
        self.figure = core.LiveFigure(figsize=(4, 3))
        ax = self.figure.axes
        xs = np.linspace(-2, 2, 50)
        ax.plot(xs, xs ** 2)
        (self.point,) = ax.plot([], [], "o")
        self.draws = 0
        self.update()

    def draw(self):
        self.draws += 1
        x, a = self.value("x"), self.value("a")
        if x > 1.95:
            raise RuntimeError("deliberate failure at the right edge")
        self.point.set_data([x], [a * x ** 2])
        self.readout.value = f"$y = {a * x ** 2:.2f}$"


def test_moving_a_slider_updates_artists_text_and_image():
    demo = ParabolaDemo()
    png_before = demo.figure.image.value
    demo.controls["x"].value = -1.5
    assert demo.point.get_data()[0][0] == -1.5
    assert demo.readout.value == "$y = 2.25$"
    assert demo.figure.image.value != png_before
    assert demo.figure.image.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_presets_set_initial_values_and_ranges_and_round_trip_through_as_code():
    demo = ParabolaDemo(x=-0.5, a=3.0, x_range=(-1.0, 1.0))
    assert demo.value("x") == -0.5 and demo.controls["x"].min == -1.0
    assert demo.as_code().endswith("test_widgets_core.ParabolaDemo(x=-0.5, a=3, x_range=(-1, 1))")


def test_set_changes_several_controls_with_one_redraw():
    demo = ParabolaDemo()
    before = demo.draws
    demo.set(x=0.5, a=2.0)
    assert demo.draws == before + 1
    assert demo.readout.value == "$y = 0.50$"


def test_an_error_in_draw_is_shown_not_raised():
    demo = ParabolaDemo()
    demo.controls["x"].value = 2.0
    assert "Could not draw" in demo.readout.value
    assert len(demo.errors) == 1 and isinstance(demo.errors[0], RuntimeError)


def test_log_slider_spans_the_range_in_powers_of_ten():
    s = core.log_slider("α", 0.1, 1e-3, 10.0)
    assert (s.min, s.max) == pytest.approx((-3, 1))
    assert s.value == pytest.approx(0.1)


def test_player_steps_on_play_ticks_and_buttons_but_not_on_reset():
    calls = []
    player = core.Player(lambda: calls.append("step"), lambda: calls.append("reset"))
    player.play.value = 1
    player.play.value = 2
    player.step_button.click()
    player.reset_button.click()
    assert calls == ["step", "step", "step", "reset"]
    assert player.play.value == 0


def test_play_is_a_labelled_toggle_linked_to_the_hidden_clock():
    player = core.Player(lambda: None, lambda: None)
    assert player.play.layout.display == "none"  # its icon-only buttons have no accessible name
    assert [w.description for w in player.box.children[:3]] == ["Play", "Step", "Reset"]
    player.play_button.value = True  # Space or Enter on the focused button
    assert player.play.playing is True and player.play_button.description == "Pause"
    player.play.playing = False  # the demo stops itself (end of a run, divergence)
    assert player.play_button.value is False and player.play_button.description == "Play"
    player.play_button.value = True
    player.reset()
    assert player.play_button.value is False and player.play.playing is False


def test_the_live_image_carries_the_description_as_its_text_alternative():
    demo = ParabolaDemo()
    box = demo.widget
    assert core.DEMO_CLASS in box._dom_classes
    assert core.LIVE_IMAGE_CLASS in demo.figure.image._dom_classes
    assert demo.alt_text in box.children and core.ALT_TEXT_CLASS in demo.alt_text._dom_classes
    assert demo.alt_text.value == "y = 1.00"
    demo.controls["x"].value = -1.5
    assert demo.alt_text.value == "y = 2.25"  # follows the state, in the same update


def test_the_accessibility_script_is_shown_with_every_demo():
    demo = ParabolaDemo()
    helper = demo.widget.children[-1]
    assert helper.layout.display == "none"
    assert helper.value.startswith('<img src="data:," alt="" hidden onerror="')
    script = html.unescape(helper.value.split('onerror="', 1)[1].rsplit('"', 1)[0])
    for needed in ("aria-labelledby", "aria-valuetext", "'alt'", f".{core.DEMO_CLASS}",
                   f".{core.ALT_TEXT_CLASS}", f"img.{core.LIVE_IMAGE_CLASS}", "MutationObserver"):
        assert needed in script
    assert '"' not in helper.value.split('onerror="', 1)[1].rsplit('"', 1)[0]  # attribute intact


def test_alt_text_is_escaped_and_a_failing_description_falls_back_to_the_readout():
    class Broken(ParabolaDemo):
        def description(self):
            if self.value("x") < 0:
                raise KeyError("words")
            return "<b>bold</b> & more"

    demo = Broken()
    assert demo.alt_text.value == "&lt;b&gt;bold&lt;/b&gt; &amp; more"
    demo.controls["x"].value = -1.0
    assert demo.alt_text.value == "y = 1.00" and isinstance(demo.errors[-1], KeyError)


def test_blitting_draws_moved_animated_artists_and_static_changes_after_invalidate():
    live = core.LiveFigure(figsize=(3, 2))
    ax = live.axes
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    (point,) = ax.plot([0.2], [0.5], "o")
    live.animate(point)
    first = live.render()
    point.set_data([0.8], [0.5])
    moved = live.render()
    assert moved != first
    point.set_data([0.2], [0.5])
    assert live.render() == first  # the background is reused exactly
    ax.set_title("a new title")
    assert live.render() == first  # static changes need invalidate()
    live.invalidate()
    assert live.render() != first


def test_display_bundle_has_the_widget_a_picture_and_a_friendly_text_fallback():
    demo = ParabolaDemo()
    bundle = demo._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    import base64
    assert base64.b64decode(bundle["image/png"]) == demo.figure.image.value
    assert bundle["text/plain"] == "Live demo ParabolaDemo: y = 1.00 (run the cell to use its controls)"
    assert 'alt="y = 1.00"' in bundle["text/html"]
