"""Checks: a project (or its PDFs) in, findings out: lint (proofreading), preflight (`pressroom check`: the whole pipeline with no writer), proofs (page images and visual diffs)."""
