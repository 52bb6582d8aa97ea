"""Logs and metrics an operator reads: JSON lines, redaction, Prometheus."""
