"""Built-in pipeline stages, one module per thing they produce (see ``sitreps.pipeline``)."""
