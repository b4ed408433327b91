"""Bring your own layers: detect a file's format, read it in a sandboxed worker,
check it feature by feature, and turn it, with the user's decisions, into layers.

The steps are in `pipeline`; one reader per format in `formats/`.
"""
