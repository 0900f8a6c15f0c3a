"""The `hipdip` command: analysis on the command line, and the web app's run commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from hipdip.cli import analyze as analyze_cmd
from hipdip.cli import imaging as imaging_cmd


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per job."""
    parser = argparse.ArgumentParser(
        prog="hipdip", description="Measure hip dips from photos and run the clinic web app."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    analyze_cmd.add_parser(sub)
    imaging_cmd.add_parsers(sub)
    try:
        from hipdip.cli import web as web_cmd
    except ImportError:  # the web layer is optional for library use
        web_cmd = None  # type: ignore[assignment]
    if web_cmd is not None:
        web_cmd.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `hipdip` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
