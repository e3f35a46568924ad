"""Charts of the monitoring dashboard (docs/monitoring-dashboard.md): matplotlib with the Agg backend,
imported only when a chart is really drawn.

A chart is described by ``ChartSpec`` (what to draw, from ``selectors.dashboard``): a line chart
(a trend per quarter) or horizontal bars (per municipality, per measure, per target group). Figures
that are not shown (small-cell rule, secondary suppression, nothing recorded) are drawn as a gap: no
point, no bar, and for bars a short grey text "minder dan 10" / "niet getoond" where the bar would be.

``chart_svg`` gives SVG to put inline in a page: without the XML prologue, metadata and ``<style>``
element, every ``style`` attribute turned into presentation attributes (so a strict
Content-Security-Policy can come later), ids prefixed per chart (several charts on one page),
``role="img"`` and ``aria-labelledby`` pointing to a ``<title>`` inside. ``chart_png`` gives a PNG for
the PDF report. Both are cached (``django.core.cache``) under a hash of everything they draw, so a
repeat view does not run matplotlib again; ``RENDERS`` counts the real drawings (for tests).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import threading
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.html import escape

# Bump when the drawing code changes, so cached pictures are drawn again.
CHART_VERSION = 4
CACHE_SECONDS = 24 * 60 * 60
# Colours with enough contrast on white (≥ 3:1 for graphics); lines also differ in dash and marker.
SERIES_STYLES = (
    {"color": "#00568b", "linestyle": "-", "marker": "o"},
    {"color": "#a34d00", "linestyle": "--", "marker": "s"},
    {"color": "#3d6b21", "linestyle": ":", "marker": "^"},
)
BAR_COLOUR = "#00568b"
GAP_COLOUR = "#4b5563"
FONT = ["DejaVu Sans", "Arial", "Helvetica", "sans-serif"]

RENDERS = {"count": 0}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class ChartSpec:
    """What a chart draws. ``values`` per series: a number, or None for a gap with ``gap_texts`` (the
    text shown where a bar would be, e.g. "minder dan 10")."""

    key: str  # a slug, unique on its page (used for ids)
    kind: str  # "line" | "bars"
    title: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    gap_texts: tuple[str, ...] = ()
    value_label: str = ""
    money: bool = False
    extra: tuple = field(default_factory=tuple)

    def digest(self) -> str:
        data = json.dumps(
            [
                CHART_VERSION,
                self.key,
                self.kind,
                self.title,
                self.labels,
                self.series,
                self.gap_texts,
                self.value_label,
                self.money,
            ],
            ensure_ascii=False,
            default=str,
        )
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def _thousands(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def _draw(spec: ChartSpec, *, fmt: str, dpi: int = 100) -> bytes:
    """Run matplotlib (lazily imported) and return the picture."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    RENDERS["count"] += 1
    rc = {
        "svg.fonttype": "none",
        "svg.hashsalt": spec.key,
        "font.family": "sans-serif",
        "font.sans-serif": FONT,
        "font.size": 10,
    }
    with matplotlib.rc_context(rc):
        if spec.kind == "bars":
            height = max(2.4, 0.32 * len(spec.labels) + 1.0)
            figure = Figure(figsize=(7.2, height))
            axes = figure.add_subplot()
            _bars(axes, spec)
        else:
            figure = Figure(figsize=(7.2, 3.4 if len(spec.series) < 2 else 3.9))
            axes = figure.add_subplot()
            _lines(axes, spec)
        formatter = FuncFormatter(lambda v, _pos: ("€ " if spec.money else "") + _thousands(v))
        (axes.xaxis if spec.kind == "bars" else axes.yaxis).set_major_formatter(formatter)
        (axes.xaxis if spec.kind == "bars" else axes.yaxis).set_major_locator(MaxNLocator(5, integer=True))
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.grid(axis="x" if spec.kind == "bars" else "y", color="#d0d5db", linewidth=0.6)
        axes.set_axisbelow(True)
        if spec.value_label:
            (axes.set_xlabel if spec.kind == "bars" else axes.set_ylabel)(spec.value_label)
        figure.tight_layout()
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {}
        figure.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def _lines(axes, spec: ChartSpec) -> None:
    positions = list(range(len(spec.labels)))
    for index, (name, values) in enumerate(spec.series):
        style = SERIES_STYLES[index % len(SERIES_STYLES)]
        ys = [float("nan") if v is None else v for v in values]
        axes.plot(positions, ys, label=name, linewidth=2, markersize=5, **style)
    step = max(1, len(positions) // 8)
    axes.set_xticks(positions[::step], [spec.labels[i] for i in positions[::step]])
    axes.tick_params(axis="x", labelrotation=0)
    axes.set_ylim(bottom=0)
    if len(spec.series) > 1:
        axes.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(spec.series))


def _bars(axes, spec: ChartSpec) -> None:
    name, values = spec.series[0]
    positions = list(range(len(spec.labels)))[::-1]  # first label on top
    shown = [(p, v) for p, v in zip(positions, values, strict=True) if v is not None]
    axes.barh([p for p, _v in shown], [v for _p, v in shown], color=BAR_COLOUR, height=0.7, label=name)
    top = max([v for _p, v in shown] or [1])
    axes.set_xlim(0, top * 1.2 if top > 0 else 1)
    for p, v in shown:
        axes.text(v + top * 0.01, p, ("€ " if spec.money else "") + _thousands(v), va="center", fontsize=9)
    for p, v, gap in zip(positions, values, spec.gap_texts or ("",) * len(values), strict=True):
        if v is None and gap:
            axes.text(top * 0.01, p, gap, va="center", fontsize=9, color=GAP_COLOUR, style="italic")
    axes.set_yticks(positions, list(spec.labels))
    axes.set_ylim(-0.6, len(positions) - 0.4)


# --- SVG for inline use ---------------------------------------------------------------------------

_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>\s*", re.S)
_EMPTY_DEFS = re.compile(r"<defs>\s*</defs>\s*")
_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_ID_ATTR = re.compile(r'\sid="([^"]+)"')
_REFERENCE = re.compile(r'(url\(#|xlink:href="#)([^)"]+)')
_SIZE_ATTRS = re.compile(r'(<svg\b[^>]*?)\s(?:width|height)="[^"]*"')


def _style_to_attributes(match: re.Match) -> str:
    parts = []
    for declaration in match.group(1).split(";"):
        if ":" not in declaration:
            continue
        name, value = (s.strip() for s in declaration.split(":", 1))
        if not name or not re.fullmatch(r"[a-z-]+", name):
            continue
        value = value.replace('"', "'")
        parts.append(f' {name}="{value}"')
    return "".join(parts)


def inline_svg(svg: str, *, prefix: str, title: str, described_by: str = "") -> str:
    """matplotlib's SVG made fit for an HTML page (see the module text)."""
    svg = _PROLOGUE.sub("", svg, count=1)
    svg = _METADATA.sub("", svg)
    svg = _STYLE_ELEMENT.sub("", svg)
    svg = _EMPTY_DEFS.sub("", svg)
    svg = _STYLE_ATTR.sub(_style_to_attributes, svg)
    referenced = {name for _start, name in _REFERENCE.findall(svg)}

    def _id(match: re.Match) -> str:
        name = match.group(1)
        return f' id="{prefix}-{name}"' if name in referenced else ""

    svg = _ID_ATTR.sub(_id, svg)
    svg = _REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    for _ in range(2):
        svg = _SIZE_ATTRS.sub(r"\1", svg, count=1)
    title_id = f"{prefix}-title"
    labelled = f' role="img" focusable="false" class="dl-chart__svg" aria-labelledby="{title_id}"'
    if described_by:
        labelled += f' aria-describedby="{described_by}"'
    svg = svg.replace("<svg ", f"<svg{labelled} ", 1)
    head_end = svg.index(">") + 1
    return svg[:head_end] + f'\n <title id="{title_id}">{escape(title)}</title>' + svg[head_end:].rstrip()


def chart_svg(spec: ChartSpec, *, described_by: str = "") -> str:
    """The chart as inline SVG (cached on the data it draws)."""
    key = f"monitoring:chart:svg:{spec.digest()}:{described_by}"
    found = cache.get(key)
    if found is not None:
        return found
    with _LOCK:
        raw = _draw(spec, fmt="svg").decode("utf-8")
    result = inline_svg(raw, prefix=f"chart-{spec.key}", title=spec.title, described_by=described_by)
    cache.set(key, result, CACHE_SECONDS)
    return result


def chart_png(spec: ChartSpec, *, dpi: int = 150) -> bytes:
    """The chart as a PNG picture (for the PDF report), cached like ``chart_svg``."""
    key = f"monitoring:chart:png:{spec.digest()}:{dpi}"
    found = cache.get(key)
    if found is not None:
        return found
    with _LOCK:
        result = _draw(spec, fmt="png", dpi=dpi)
    cache.set(key, result, CACHE_SECONDS)
    return result
