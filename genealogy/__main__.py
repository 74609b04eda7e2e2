"""`python -m genealogy`."""

from .cli import main

main()
