"""Where the shared reference data lives (ESCO files, evaluation sets).

The data sits beside the project (``../shared/data``) for developers and CI; it is never copied
into the repository. ``DOORLEREN_SHARED_DATA`` points elsewhere when needed.
"""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def shared_data_dir() -> Path:
    return Path(os.environ.get("DOORLEREN_SHARED_DATA", PROJECT_ROOT.parent / "shared" / "data"))


def esco_dir() -> Path:
    return shared_data_dir() / "esco"


def eval_dir() -> Path:
    return shared_data_dir() / "eval"
