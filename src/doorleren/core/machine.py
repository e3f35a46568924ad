"""What machine a benchmark ran on: for the reports every ``doorleren bench`` writes."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def machine_description() -> dict:
    """Cores (``os.cpu_count()``), memory (``/proc/meminfo``), processor, Python and platform."""
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }


def machine_line(machine: dict) -> str:
    memory = f"{machine['memory_gb']} GB" if machine.get("memory_gb") is not None else "onbekend"
    return f"{machine['cores']} cores, {memory} geheugen, Python {machine['python']}, {machine['platform']}"
