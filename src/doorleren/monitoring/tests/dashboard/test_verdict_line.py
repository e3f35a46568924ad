"""The quarterly report's line per measure keeps the small-cell rule: no effect from fewer than 10 people."""

from types import SimpleNamespace

from doorleren.monitoring.exports import _verdict_line


def _estimate(matched: int) -> SimpleNamespace:
    return SimpleNamespace(
        verdict="too_early",
        matched_participants=matched,
        participants=matched,
        effect=0.2,
        ci_low=-0.1,
        ci_high=0.5,
    )


def test_an_effect_of_fewer_than_10_people_is_not_in_the_report():
    line = _verdict_line(SimpleNamespace(name="Basisbanen"), _estimate(7))
    assert "minder dan 10" in line
    assert "7" not in line and "+20" not in line


def test_an_effect_of_enough_people_is_in_the_report_with_its_interval():
    line = _verdict_line(SimpleNamespace(name="Basisbanen"), _estimate(64))
    assert "+20,0 procentpunt" in line and "64 deelnemers" in line
