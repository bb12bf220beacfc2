"""compile / fit / evaluate / predict, written once for every backend."""
