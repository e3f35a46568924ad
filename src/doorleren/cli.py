"""The ``doorleren`` command: the project's manage command.

``doorleren migrate``, ``doorleren serve``, ``doorleren demo``, ``doorleren esco import DIR``, ...
Settings default to ``doorleren.conf.dev``; set ``DJANGO_SETTINGS_MODULE`` to choose another.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorleren.conf.dev")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    execute_from_command_line(["doorleren", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
