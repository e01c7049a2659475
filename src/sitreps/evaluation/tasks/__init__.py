"""One module per evaluation data set; each registers itself with ``sitreps.evaluation.register``."""
