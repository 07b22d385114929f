"""The ``hipfirst`` command.

Each sub-command lives in its own module with a ``register(subparsers)`` function that
adds its parser and sets ``handler``: a function taking the parsed arguments and
returning an exit status. Conventions (../shared/DESIGN.md, "Command-line conventions"):
``--json`` prints exactly one JSON object; ``--today`` where time matters; a
``HipfirstError`` becomes one plain line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from hipfirst import __version__
from hipfirst.core.errors import HipfirstError

__all__ = ["main"]

#: Sub-command modules, in the order ``--help`` lists them.
COMMANDS = (
    "serve",
    "import_",
    "load",
    "assess",
    "cadence",
    "metronome",
    "movement",
    "plan",
    "primer",
    "shoes",
    "report",
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors follow our one-line, exit-2 rule."""

    def error(self, message: str) -> None:  # type: ignore[override]  # never returns
        self.exit(2, f"{_one_line(f'hipfirst: {message}')} (see 'hipfirst --help')\n")


def _one_line(text: str) -> str:
    """``text`` with line breaks and other unprintable characters escaped, as ``\\n``.

    A message may quote what the runner typed or a file holds; escaped, it stays one line.
    """
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every sub-command registered."""
    parser = _Parser(
        prog="hipfirst",
        description="Treat the hip, not the knee: help for runners with knee pain.",
    )
    parser.add_argument("--version", action="version", version=f"hipfirst {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        import_module(f"hipfirst.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        status: int = args.handler(args)
    except HipfirstError as exc:
        where = f" ({exc.field})" if exc.field else ""
        print(_one_line(f"hipfirst: {exc.message}{where}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (`| head`) has gone: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    return status


if __name__ == "__main__":
    sys.exit(main())
