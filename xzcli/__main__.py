"""Entry point for `python -m xzcli`."""

from xzcli.cli import main

main()
