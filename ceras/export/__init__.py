"""ceras.export: model export for inference (keras.export)."""
from ceras.export.export_archive import ExportArchive

__all__ = ["ExportArchive"]
