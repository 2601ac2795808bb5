"""pressroom: corrected manuscripts → newspaper-style article PDFs → a commemorative booklet."""

__version__ = "0.1.0"
