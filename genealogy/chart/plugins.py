"""Which plugins system Graphviz loads for a timeline's SVG: its core and layouts, not Pango.

Graphviz measures every label with its text-layout plugin (Pango, or gd's FreeType) even where
the node's size is fixed, as every timeline node's is. On the Linux sheet's 747 labels that is
25-30 ms of a 0.33 s render, spent after the last of the DOT has arrived (benchmarks/
peer_speed.py). Its SVG renderer needs no such plugin: without one, Graphviz measures text by its
own font tables, as the embedded engine always does, and the SVG is the same but for text
baselines 0.5 pt lower (compared on the record and the Linux sheet).

So a timeline's SVG run points GVBINDIR, Graphviz's documented plugin folder, at a private
folder made for that run, whose config lists only the system's own core and layout plugins, by
absolute path. Nothing in it comes from the cache or the record. Where the system's config cannot
be found or read, or GVBINDIR is already set, Graphviz runs as installed.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

KEPT = ("core", "dot_layout", "neato_layout")  # the packages a timeline's SVG needs
NEEDED = ("core", "neato_layout")  # SVG output, and the nop2 layout


def plain_config(text: str, folder: str) -> str | None:
    """The plugin config `text` (as `dot -c` writes it into `folder`) keeping only the KEPT packages.

    Each kept library is named by its absolute path, as it lies in `folder`. None unless the
    packages NEEDED are there and their libraries exist.
    """
    kept: list[str] = []
    found: set[str] = set()
    keeping: bool | None = None  # inside a package's block: whether it is kept; None between blocks
    for line in text.splitlines(keepends=True):
        if keeping is None:
            words = line.split()
            if not words or words[0].startswith("#"):
                continue
            if len(words) != 3 or words[2] != "{":
                return None  # not the layout `dot -c` writes: leave Graphviz as installed
            library, package = words[0], words[1]
            keeping = package in KEPT
            if keeping:
                library = os.path.join(folder, library)  # an absolute library stays as it is
                if not os.path.isfile(library):
                    return None
                found.add(package)
                kept.append(f"{library} {package} {{\n")
        else:
            if keeping:
                kept.append(line)
            if line.startswith("}"):
                keeping = None
    if keeping is not None or not found.issuperset(NEEDED):
        return None
    return "".join(kept)


def system_folder(dot: str) -> str | None:
    """The plugin folder of the Graphviz whose `dot` this is: PREFIX/lib[/ARCH|64]/graphviz beside PREFIX/bin/dot."""
    prefix = os.path.dirname(os.path.dirname(os.path.realpath(dot)))
    arch = getattr(sys.implementation, "_multiarch", None)  # Debian's lib/x86_64-linux-gnu
    for lib in ([f"lib/{arch}"] if arch else []) + ["lib64", "lib"]:
        folder = os.path.join(prefix, lib, "graphviz")
        if os.path.isdir(folder):
            return folder
    return None


@contextlib.contextmanager
def without_text_layout(dot: str) -> Iterator[dict[str, str] | None]:
    """The environment for a run of `dot` without text-layout plugins, or None to run it as installed.

    The private folder is removed when the block ends.
    """
    configs = {} if "GVBINDIR" in os.environ else _plain_configs(dot)
    if not configs:
        yield None
        return
    base = os.environ.get("TMPDIR") or "/tmp"
    folder = os.path.join(base, f"genealogy-graphviz-{os.urandom(6).hex()}")
    try:
        os.mkdir(folder, 0o700)  # new, and only ours: nobody else can put a config in it
    except OSError:
        yield None
        return
    try:
        for name, text in configs.items():
            with open(os.path.join(folder, name), "x", encoding="utf-8") as out:
                out.write(text)
        yield {**os.environ, "GVBINDIR": folder}
    finally:
        for name in configs:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(folder, name))
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def _plain_configs(dot: str) -> dict[str, str]:
    """Each config file of the system's plugin folder (config6a, config8, ...), kept to KEPT; empty if any fails."""
    folder = system_folder(dot)
    if folder is None:
        return {}
    configs = {}
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries if entry.name.startswith("config") and entry.is_file()]
        for name in names:
            with open(os.path.join(folder, name), encoding="utf-8") as config:
                plain = plain_config(config.read(), folder)
            if plain is None:
                return {}
            configs[name] = plain
    except (OSError, UnicodeDecodeError):
        return {}
    return configs
