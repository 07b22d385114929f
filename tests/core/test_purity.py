"""The core imports neither Django nor anything that does I/O."""

from __future__ import annotations

import subprocess
import sys

# Every module under hipfirst.core is imported with these made unimportable.
FORBIDDEN = (
    "django",
    "hipfirst.web",
    "hipfirst.cli",
    "hipfirst.importers",
    "fitdecode",
    "gpxpy",
    "tcxreader",
    "requests",
    "urllib3",
)

PROBE = """
import importlib, pkgutil, sys
for name in {forbidden!r}:
    sys.modules[name] = None  # importing it now raises ImportError
import hipfirst.core
for module in pkgutil.walk_packages(hipfirst.core.__path__, "hipfirst.core."):
    importlib.import_module(module.name)
print("pure")
"""


def test_every_core_module_imports_without_django_or_adapters() -> None:
    """Importing all of hipfirst.core works where Django and the adapters cannot load."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(forbidden=FORBIDDEN)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "pure"
