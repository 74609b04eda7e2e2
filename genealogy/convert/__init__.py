"""Other formats in and out: exports, Mermaid, canonical YAML, fmt, gnuclad."""
