"""The ``sitreps`` command line: one module per verb, each a thin wrapper of a library function."""
