"""Other formats in and out: exports, Mermaid, bibliographies, canonical YAML, fmt, gnuclad.

The export formats are named here, where the command line can read them without importing
the writers (start-up time).
"""

GRAPH_FORMATS = ("json", "graphml", "gexf", "mermaid", "csv", "dot")  # organisations and links
BIBLIOGRAPHY_FORMATS = ("csl-json", "bibtex")  # the sources they cite
EXPORT_FORMATS = GRAPH_FORMATS + BIBLIOGRAPHY_FORMATS
# Suffixes that name a format other than themselves.
EXPORT_SUFFIXES = {"mmd": "mermaid", "md": "mermaid", "bib": "bibtex"}
