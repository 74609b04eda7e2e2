"""The least a Click command can do to draw a cached chart: the floor under `render`'s start-up.

It starts Python, imports Click, reads and hashes the record (as the cache does to find its
entry), reads DOT made beforehand, runs Graphviz on it and writes the output atomically
(temporary file, fsync, rename). `genealogy render` does all of that and more, so the gap
between this and Graphviz alone is what no Python tool built on Click can avoid here.

    python benchmarks/click_floor.py --data RECORD --dot CHART.dot -o OUT.svg
"""

from __future__ import annotations

import hashlib
import os
import subprocess

import click


@click.command()
@click.option("--data", required=True, help="The record, read and hashed.")
@click.option("--dot", "dot_file", required=True, help="The chart's DOT, made beforehand.")
@click.option("-o", "--output", required=True, help="Where to write; the format is its suffix.")
def main(data: str, dot_file: str, output: str) -> None:
    with open(data, "rb") as record:
        hashlib.sha256(record.read()).hexdigest()
    with open(dot_file, "rb") as chart:
        source = chart.read()
    output_format = output.rsplit(".", 1)[-1]
    drawn = subprocess.run(["dot", f"-T{output_format}"], input=source, capture_output=True, check=True).stdout
    temporary = f"{output}.{os.getpid()}.tmp"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(handle, drawn)
        os.fsync(handle)
    finally:
        os.close(handle)
    os.replace(temporary, output)


if __name__ == "__main__":
    main()
