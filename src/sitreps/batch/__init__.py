"""Batch extraction on a Dask cluster: partitions of input in, Parquet tables out.

``shards`` splits input into partitions and records finished ones; ``dask`` runs them on a
cluster; ``schema`` fixes the Parquet tables (docs/batch.md). Importing this package loads none of
them (Dask is imported only when a batch runs).
"""
