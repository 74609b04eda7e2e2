"""Read and check a record: files, YAML, shapes, rules, the cache."""
