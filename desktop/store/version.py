"""The schema version this build writes; equals the number of migrations (a test checks)."""

SCHEMA_VERSION = 6
