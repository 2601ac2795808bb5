"""Typesetting: articles and booklet pages in, typeset parts (PDF + anchors + findings) out.

fontconfig.py isolates WeasyPrint from the machine's fonts; subset.py makes the
font subsets; lines.py breaks and justifies Chinese lines; markup.py turns them
into HTML; typesetter.py renders templates and lays them out; inspection.py
checks the laid-out pages; confine.py keeps templates and fetches inside the project;
weasytags.py and tags.py give each part a tidy structure tree (tagged PDF).
"""
