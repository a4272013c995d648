"""Errors meant for the user: each carries the exit code the CLI ends with."""

from __future__ import annotations


class XzError(Exception):
    """A problem the user can fix; the message says what went wrong and what to do."""

    exit_code = 1


class InputError(XzError):
    """An input file or folder cannot be read as text."""


class DictionaryError(XzError):
    """A user dictionary, theme file or IDF table is malformed."""


class UsageError(XzError):
    """The command line asks for something impossible."""

    exit_code = 2
