"""Step definitions, one module per part of the vocabulary."""
