"""The reader's highlight colours: derived from the theme, overridden by the config file.

Fixed colours were picked for a dark background and drew quotes at 1.0:1 on a light theme.
Each role keeps a hue of its own (people blue, organisations purple, places green ...), and its
lightness is chosen for the theme's background: from a pleasant starting point, made lighter
(dark themes) or darker (light themes) until the WCAG contrast reaches ``TARGET``. They reach
the stylesheet as CSS variables (``$nr-person`` ...), so a theme switch recolours them with
everything else. The ANSI themes use the terminal's own palette, whose colours are unknown:
they get ANSI colours. A config colour wins over all of this (``!important``), and the current
quote also takes the quote's colour, so a quote never looks half recoloured.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.color import Color

#: The contrast every highlight is given against the reader's background (WCAG AA for text:
#: highlights are text that is read, not decoration).
TARGET = 4.5

#: Role -> (hue in degrees, saturation, ANSI colour for the terminal-palette themes).
HUES: dict[str, tuple[float, float, str]] = {
    "quote": (42, 0.8, "ansi_yellow"),
    "speaker": (0, 0.0, "ansi_bright_black"),
    "person": (210, 0.9, "ansi_bright_blue"),
    "org": (275, 0.7, "ansi_magenta"),
    "place": (130, 0.55, "ansi_green"),
    "norp": (28, 0.9, "ansi_bright_red"),
    "date": (180, 0.65, "ansi_cyan"),
    "number": (0, 0.75, "ansi_red"),
    "other": (60, 0.7, "ansi_bright_yellow"),
}

#: Which reader roles (``reader--<role>``) each config colour sets.
ROLES_OF: dict[str, tuple[str, ...]] = {
    "quote": ("quote", "quote-current", "mention"),
    "speaker": ("speaker",),
    "group": ("norp",),
}


def luminance(colour: Color) -> float:
    """WCAG relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(one: Color, other: Color) -> float:
    """WCAG contrast ratio (1 to 21)."""
    a, b = sorted((luminance(one), luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def legible(hue: float, saturation: float, background: Color, target: float = TARGET) -> Color:
    """The colour of ``hue`` closest to a pleasant lightness that reaches ``target`` contrast
    against ``background`` (black or white if none does)."""
    dark = luminance(background) < 0.18
    lightness = 0.72 if dark else 0.38
    step = 0.02 if dark else -0.02
    while 0.0 <= lightness <= 1.0:
        colour = Color.from_hsl(hue / 360, saturation, lightness)
        if contrast(colour, background) >= target:
            return colour
        lightness += step
    return Color(255, 255, 255) if dark else Color(0, 0, 0)


def highlight_variables(background: str) -> dict[str, str]:
    """``nr-<role>`` CSS variables for a theme whose background is ``background``."""
    parsed = Color.parse(background)
    if parsed.ansi is not None:
        return {f"nr-{role}": ansi for role, (_, _, ansi) in HUES.items()}
    return {
        f"nr-{role}": legible(hue, saturation, parsed).hex
        for role, (hue, saturation, _) in HUES.items()
    }


def colour_css(colours: Mapping[str, str]) -> str:
    """CSS rules giving the reader's roles the config's colours (empty when none are set)."""
    rules = []
    for name, colour in colours.items():
        for role in ROLES_OF.get(name, (name,)):
            rules.append(f"Reader > .reader--{role} {{ color: {colour} !important; }}")
    return "\n".join(rules)
