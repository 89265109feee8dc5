"""Write exported records as JSONL, CSV or Parquet."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from newsgraph.errors import ConfigError


def _flat(v: Any) -> Any:
    """CSV cells: nested lists/objects become JSON text, so nothing is lost."""
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def write_records(records: Sequence[dict[str, Any]], fmt: str, output: str | None) -> None:
    if fmt == "parquet":
        if not output:
            raise ConfigError("Parquet export needs -o FILE")
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as e:
            raise ConfigError("Parquet export needs pyarrow: pip install 'newsgraph[parquet]'") from e
        rows = [{k: _flat(v) for k, v in r.items()} for r in records]
        pq.write_table(pa.Table.from_pylist(rows), output)
        return
    fh: TextIO = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
    try:
        if fmt == "jsonl":
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        elif fmt == "csv":
            cols: list[str] = []
            for r in records:
                cols += [k for k in r if k not in cols]
            w = csv.DictWriter(fh, fieldnames=cols)
            w.writeheader()
            for r in records:
                w.writerow({k: _flat(v) for k, v in r.items()})
        else:
            raise ConfigError(f"unknown export format {fmt!r}")
    finally:
        if output:
            fh.close()
