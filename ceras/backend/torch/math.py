"""torch backend: math ops."""
