"""Composition: typeset parts in, finished PDFs out: the booklet and standalone articles, with folios, navigation, one font object per face and metadata."""
