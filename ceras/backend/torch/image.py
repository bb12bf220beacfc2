"""torch backend: image ops."""
