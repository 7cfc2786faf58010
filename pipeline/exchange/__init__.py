"""Exchange with the tools translators use: XLIFF/TMX packets, TBX/CSV glossaries, git and Weblate.

The catalogs stay the one source of truth: every format here is written from them and read back
into them only through `import`, which applies a unit only where its source still matches.
"""
