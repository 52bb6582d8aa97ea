"""In-memory adapters for every port: the fakes the BDD suite runs on."""
