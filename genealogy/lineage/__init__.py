"""Questions over a checked record, answered as data."""
