"""xzcli: analyse Chinese policy texts with a policy-aware segmenter.

From Python, the analyses the CLI runs are the functions of `xzcli.api`
(`from xzcli import api; api.compare(...)`), each returning a Result with `to_records()`,
`to_pandas()` and `to_dict()`. The API lives in its own module because `xzcli.figures`,
`xzcli.kwic` … are the analysis modules themselves; it is imported on first use, so
`import xzcli` stays light.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "api":
        import importlib

        return importlib.import_module("xzcli.api")
    raise AttributeError(f"module 'xzcli' has no attribute {name!r}")
