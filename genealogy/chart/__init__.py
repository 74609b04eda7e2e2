"""Drawing: the DOT writer, quoting, and the one seam that runs Graphviz."""
